using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>/sources: each deck's footnotes as its article numbers them, with links; an Ibid. keeps its number.</summary>
public static class SourcesView
{
    public static MessagePayload Render(IReadOnlyList<Deck> decks)
    {
        ArgumentNullException.ThrowIfNull(decks);
        var embeds = new List<Embed>();
        var budget = Embed.MaxTotalLength;
        foreach (var deck in decks.Take(MessagePayload.MaxEmbeds))
        {
            var title = TextFit.Truncate($"📚 Sources — {deck.Article.Title}", Embed.MaxTitleLength);
            var room = Math.Min(Embed.MaxDescriptionLength, budget - title.Length);
            if (room < 100)
            {
                break;
            }

            var description = Describe(deck, room);
            embeds.Add(new Embed { Title = title, Description = description, Color = Colors.Neutral });
            budget -= title.Length + description.Length;
        }

        return new MessagePayload { Embeds = embeds };
    }

    public static string Line(Deck deck, Source source)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(source);
        var line = CitationFormatter.Format(source);
        if (source.IbidOf is { } of)
        {
            line += $" (Ibid., repeats [{of}])";
        }

        return string.IsNullOrEmpty(source.Url) ? line : $"{line}\n🔗 {source.Url}";
    }

    private static string Describe(Deck deck, int room)
    {
        var text = new StringBuilder();
        var sources = deck.Sources.OrderBy(s => s.Footnote).ToList();
        for (var i = 0; i < sources.Count; i++)
        {
            var line = Line(deck, sources[i]) + "\n";
            var rest = $"…and {sources.Count - i} more footnotes.";
            if (text.Length + line.Length + rest.Length > room)
            {
                text.Append(rest);
                return text.ToString();
            }

            text.Append(line);
        }

        return sources.Count == 0 ? "This article has no footnotes." : text.ToString().TrimEnd();
    }
}
