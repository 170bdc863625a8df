using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>/fact: one fact of the deck with its citation.</summary>
public static class FactView
{
    public static MessagePayload Render(Deck deck, Fact fact, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(fact);
        var citation = CitationView.Render(citations);
        var text = new StringBuilder()
            .Append(TextFit.Truncate(fact.Statement, Embed.MaxDescriptionLength - citation.Length - 2))
            .Append("\n\n").Append(citation);
        var embed = new Embed
        {
            Title = "📌 Did you know?",
            Description = TextFit.Truncate(text.ToString(), Embed.MaxDescriptionLength),
            Color = Colors.Question,
            Footer = new EmbedFooter { Text = TextFit.Truncate($"{deck.Title} · {string.Join(", ", fact.Topics)}", Embed.MaxFooterLength) },
        };
        return new MessagePayload { Embeds = [embed] };
    }
}
