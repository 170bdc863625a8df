using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>Everything the reveal of one answer shows.</summary>
/// <param name="Summary">Set when this answer ended the quiz: the reveal then carries the summary instead of "Next ▶".</param>
/// <param name="Rank">The player's rank in the scope after the quiz, when known.</param>
public sealed record QuizRevealModel(
    AnswerReveal Reveal,
    int QuestionIndex,
    QuizSession Session,
    IReadOnlyList<Citation> Citations,
    string DeckTitle,
    QuizSummary? Summary,
    int? Rank);

/// <summary>
/// The reveal, edited into the question's own message: ✅ or ❌, the right answer, the explanation, the citation,
/// then "Next ▶"; on the last question, the quiz summary (score, accuracy, points, streak, rank) instead.
/// </summary>
public static class QuizRevealView
{
    public const string NextLabel = "Next ▶";

    /// <summary>Said when an answer scores nothing because a skip had shown it (see <see cref="AnswerReveal.RevealedBySkipToday"/>).</summary>
    public const string UnscoredNote = "No points for this one: a skip showed you its answer earlier today (UTC), in another quiz, so it counts as a skip.";

    public static MessagePayload Render(QuizRevealModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reveal = model.Reveal;
        var total = model.Session.QuestionIds.Count;
        var (title, color) = reveal switch
        {
            { Skipped: true } => ("⏭ Skipped", Colors.Neutral),
            { RevealedBySkipToday: true, IsCorrect: true } => ("✅ Correct — no points", Colors.Neutral),
            { RevealedBySkipToday: true } => ("❌ Not quite — no points", Colors.Neutral),
            { IsCorrect: true } => ("✅ Correct!", Colors.Correct),
            _ => ("❌ Not quite", Colors.Wrong),
        };

        var text = new StringBuilder()
            .Append("**Question ").Append(model.QuestionIndex + 1).Append('/').Append(total).Append("**  ")
            .Append(TextFit.Bar(model.QuestionIndex + 1, total)).Append('\n')
            .Append(reveal.Question.Prompt).Append("\n\n");
        if (reveal.Given is { } given && !reveal.Skipped)
        {
            text.Append("Your answer: ").Append(TextFit.EscapeMarkdown(TextFit.Truncate(given, 200))).Append('\n');
        }

        text.Append("Answer: **").Append(reveal.Verdict.CanonicalAnswer).Append("**\n");
        if (reveal.RevealedBySkipToday)
        {
            text.Append(UnscoredNote).Append('\n');
        }
        else if (reveal.IsCorrect)
        {
            text.Append('+').Append(reveal.PointsAwarded).Append(" points");
            if (reveal.Streak > 1)
            {
                text.Append(" · streak ").Append(reveal.Streak).Append(" 🔥");
            }

            if (reveal.Verdict.Match == AnswerMatch.Typo)
            {
                text.Append(" · small typo forgiven");
            }

            text.Append('\n');
        }

        if (reveal.Question.Explanation.Length > 0)
        {
            text.Append('\n').Append(reveal.Question.Explanation).Append('\n');
        }

        var citation = CitationView.Render(model.Citations);
        // The explanation gives way before the citation does: the citation is the one thing a reveal must show.
        var room = Embed.MaxDescriptionLength - citation.Length - 2;
        var body = TextFit.Truncate(text.ToString().TrimEnd(), Math.Max(room, 0));
        var embeds = new List<Embed>
        {
            new()
            {
                Title = title,
                Description = TextFit.Truncate(body + "\n\n" + citation, Embed.MaxDescriptionLength),
                Color = color,
                Footer = new EmbedFooter { Text = TextFit.Truncate($"{QuizQuestionView.Title(model.DeckTitle, model.Session)} · {QuizQuestionView.Footer(model.Session)}", Embed.MaxFooterLength) },
            },
        };

        var report = Button.Secondary(QuizIds.Of(model.Session.Id, QuizIds.Report, model.QuestionIndex).ToString(), QuizQuestionView.ReportLabel);
        List<Component> components;
        if (model.Summary is { } summary)
        {
            embeds.Add(SummaryEmbed(summary, model.Rank));
            components = [ActionRow.Of(report)];
        }
        else
        {
            var next = Button.Primary(QuizIds.Of(model.Session.Id, QuizIds.Next, model.QuestionIndex + 1).ToString(), NextLabel);
            components = [ActionRow.Of(next, report)];
        }

        return new MessagePayload { Embeds = embeds, Components = components };
    }

    public static Embed SummaryEmbed(QuizSummary summary, int? rank)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var fields = new List<EmbedField>
        {
            EmbedField.Of("Score", summary.Score, inline: true),
            EmbedField.Of("Accuracy", TextFit.Percent(summary.Accuracy), inline: true),
            EmbedField.Of("Points", summary.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), inline: true),
            EmbedField.Of("Best streak", summary.BestStreak.ToString(System.Globalization.CultureInfo.InvariantCulture), inline: true),
            EmbedField.Of("Rank", rank is { } r ? $"#{r}" : "not ranked yet", inline: true),
        };
        if (summary.Skipped > 0)
        {
            fields.Add(EmbedField.Of("Skipped", summary.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture), inline: true));
        }

        return new Embed
        {
            Title = "🏁 Quiz complete",
            Description = summary.Correct == summary.Total
                ? "A perfect round!"
                : "Missed questions wait for you in /review. Start another round with /quiz.",
            Color = Colors.Gold,
            Fields = fields,
        };
    }
}
