using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>Everything the reply to one answer shows.</summary>
/// <param name="Progress">Where the quiz goes now: the next question, shown below the reveal, or the summary.</param>
/// <param name="Rank">The player's rank in the scope after the quiz, when it finished and the rank is known.</param>
public sealed record QuizRevealModel(
    AnswerReveal Reveal,
    int QuestionIndex,
    QuizSession Session,
    IReadOnlyList<Citation> Citations,
    string DeckTitle,
    QuizProgress Progress,
    int? Rank);

/// <summary>
/// The reply to an answer, edited into the question's own message, so one tap answers and moves on: the reveal (✅ or
/// ❌, the right answer, the explanation, the citation) and, below it, the next question with its buttons; after the
/// last question, the reveal and the quiz summary (score, accuracy, points, streak, rank). The revealed question keeps
/// a Report button of its own ("🚩 Report Q3").
/// </summary>
public static class QuizRevealView
{
    /// <summary>Said when an answer scores nothing because a skip had shown it (see <see cref="AnswerReveal.RevealedBySkipToday"/>).</summary>
    public const string UnscoredNote = "No points for this one: a skip showed you its answer earlier today (UTC), in another quiz, so it counts as a skip.";

    public const string SummaryTitle = "🏁 Quiz complete";

    /// <summary>The label of the Report button of the question just revealed, beside the next question's own Report.</summary>
    public static string ReportRevealedLabel(int questionIndex) => $"{QuizQuestionView.ReportLabel} Q{questionIndex + 1}";

    public static MessagePayload Render(QuizRevealModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Progress)
        {
            case QuizProgress.Continues { Next: var next }:
                var question = QuizQuestionView.QuestionEmbed(next, model.Session, model.DeckTitle);
                // The question is whole; the reveal takes what the 6000 characters of a message leave.
                var revealed = RevealEmbed(model, footer: null, Embed.MaxTotalLength - Length(question));
                var report = Button.Secondary(QuizIds.Of(model.Session.Id, QuizIds.Report, model.QuestionIndex).ToString(), ReportRevealedLabel(model.QuestionIndex));
                return new MessagePayload { Embeds = [revealed, question], Components = QuizQuestionView.Buttons(next, alsoOnLastRow: report) };

            case QuizProgress.Finished { Summary: var summary }:
                var summaryEmbed = SummaryEmbed(summary, model.Rank);
                var footer = TextFit.Truncate($"{QuizQuestionView.Title(model.DeckTitle, model.Session)} · {QuizQuestionView.Footer(model.Session)}", Embed.MaxFooterLength);
                var last = RevealEmbed(model, footer, Embed.MaxTotalLength - Length(summaryEmbed));
                var reportLast = Button.Secondary(QuizIds.Of(model.Session.Id, QuizIds.Report, model.QuestionIndex).ToString(), QuizQuestionView.ReportLabel);
                return new MessagePayload { Embeds = [last, summaryEmbed], Components = [ActionRow.Of(reportLast)] };

            default:
                throw new ArgumentException($"Unknown progress {model.Progress}.", nameof(model));
        }
    }

    /// <summary>The reveal's embed within <paramref name="room"/> characters (title, description and footer together).</summary>
    private static Embed RevealEmbed(QuizRevealModel model, string? footer, int room)
    {
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
        var description = Math.Clamp(room - title.Length - (footer?.Length ?? 0), 0, Embed.MaxDescriptionLength);
        // The explanation gives way before the citation does: the citation is the one thing a reveal must show.
        var body = TextFit.Truncate(text.ToString().TrimEnd(), Math.Max(description - citation.Length - 2, 0));
        return new Embed
        {
            Title = title,
            Description = TextFit.Truncate(body + "\n\n" + citation, description),
            Color = color,
            Footer = footer is null ? null : new EmbedFooter { Text = footer },
        };
    }

    /// <summary>What an embed counts toward a message's 6000 characters.</summary>
    private static int Length(Embed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0) + (embed.Author?.Name.Length ?? 0)
        + (embed.Fields ?? []).Sum(f => f.Name.Length + f.Value.Length);

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
            Title = SummaryTitle,
            Description = summary.Correct == summary.Total
                ? "A perfect round!"
                : "Missed questions wait for you in /review. Start another round with /quiz.",
            Color = Colors.Gold,
            Fields = fields,
        };
    }
}
