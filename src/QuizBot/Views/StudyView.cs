using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Study;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>What a study screen shows: the card (or why there is none), whose it is, and the topic it keeps to.</summary>
/// <param name="TopicKey">The topic as the buttons carry it (see <see cref="StudyIds"/>).</param>
/// <param name="Notice">A line above the card, e.g. how the previous rating was scheduled.</param>
public sealed record StudyModel(StudyScreen Screen, string UserId, string TopicKey, IReadOnlyList<Citation> Citations, string? Notice)
{
    public StudyCard? Card => Screen is StudyScreen.Card card ? card.Current : null;

    public StudyCounts Counts => Screen switch
    {
        StudyScreen.Card card => card.Counts,
        StudyScreen.Done done => done.Counts,
        _ => new StudyCounts(0, 0, 0),
    };

    public string? Topic => Screen switch
    {
        StudyScreen.Card card => card.Topic,
        StudyScreen.Done done => done.Topic,
        _ => null,
    };
}

/// <summary>
/// Flashcards: the front with "Show answer"; the back with its citation and Again / Hard / Good / Easy, each
/// labelled with the interval it would give; and the end, saying when the next card is due.
/// </summary>
public static class StudyView
{
    public const string ShowAnswerLabel = "Show answer";

    public static MessagePayload Front(StudyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Card is not { } card)
        {
            return Done(model);
        }

        var embed = CardEmbed(model, card, card.Fact.Card.Front);
        var show = Button.Primary(StudyIds.ShowAnswer(model.UserId, card, model.TopicKey).ToString(), ShowAnswerLabel);
        return new MessagePayload { Content = model.Notice, Embeds = [embed], Components = [ActionRow.Of(show)] };
    }

    public static MessagePayload Back(StudyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Card is not { } card)
        {
            return Done(model);
        }

        var citation = CitationView.Render(model.Citations);
        var side = new StringBuilder()
            .Append(TextFit.Truncate(card.Fact.Card.Front, 1500)).Append("\n\n**Answer**\n")
            .Append(TextFit.Truncate(card.Fact.Card.Back, 1500)).Append("\n\n")
            .Append(citation);
        var embed = CardEmbed(model, card, side.ToString());
        var buttons = card.Previews.Select(preview => RatingButton(model, card, preview)).ToArray();
        return new MessagePayload { Content = model.Notice, Embeds = [embed], Components = [ActionRow.Of(buttons)] };
    }

    public static MessagePayload Done(StudyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder("You're done for now. ");
        if (model.Screen is StudyScreen.Done { NextDueAt: { } due })
        {
            text.Append("The next card is due ").Append(TextFit.Timestamp(due)).Append(" (").Append(TextFit.Timestamp(due, 'f')).Append(").");
        }
        else
        {
            text.Append("There are no cards on this topic.");
        }

        text.Append("\nReviewed today: ").Append(model.Counts.DoneToday).Append(". Try /quiz in the meantime.");
        var embed = new Embed
        {
            Title = "🎉 Study session complete",
            Description = text.ToString(),
            Color = Colors.Study,
        };
        return new MessagePayload { Content = model.Notice, Embeds = [embed], Components = [] };
    }

    private static Embed CardEmbed(StudyModel model, StudyCard card, string body) =>
        new()
        {
            Title = TextFit.Truncate(model.Topic is { } topic ? $"Flashcard — {topic}" : "Flashcard", Embed.MaxTitleLength),
            Description = TextFit.Truncate(body, Embed.MaxDescriptionLength),
            Color = Colors.Study,
            Footer = new EmbedFooter
            {
                Text = $"{(card.IsNew ? "New card" : "Review")} · due {model.Counts.DueNow} · new {model.Counts.NewAvailableToday} · done today {model.Counts.DoneToday}",
            },
        };

    private static Component RatingButton(StudyModel model, StudyCard card, RatingPreview preview)
    {
        var id = StudyIds.RateCard(model.UserId, card, model.TopicKey, preview.Rating).ToString();
        var label = $"{preview.Rating} · {preview.Label}";
        return preview.Rating switch
        {
            Rating.Again => Button.Danger(id, label),
            Rating.Hard => Button.Secondary(id, label),
            Rating.Good => Button.Success(id, label),
            _ => Button.Primary(id, label),
        };
    }
}
