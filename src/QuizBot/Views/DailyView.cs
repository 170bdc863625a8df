using System.Globalization;
using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>
/// The question of the day: the public post with its answer buttons, and the ephemeral answers each member gets
/// (the reveal with its citation, "already answered", "closed").
/// </summary>
public static class DailyView
{
    public const string PostTitle = "📅 Question of the day";
    public const string AlreadyAnsweredStart = "You already answered today's question:";
    public const string NotAvailable = "This daily question is no longer available.";

    public static MessagePayload Post(PresentedQuestion question, DateOnly date, string deckTitle)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(deckTitle);
        var description = ChoiceLayout.AppendChoices(new StringBuilder(question.Question.Prompt), question.Question.Kind, question.Choices);

        var embed = new Embed
        {
            Title = PostTitle,
            Description = TextFit.Truncate(description.ToString(), Embed.MaxDescriptionLength),
            Color = Colors.Question,
            Footer = new EmbedFooter
            {
                Text = TextFit.Truncate($"{deckTitle} · {DailySchedule.Format(date)} · press a button: only you see your result; open until 00:00 UTC", Embed.MaxFooterLength),
            },
        };
        return new MessagePayload { Embeds = [embed], Components = Buttons(question, date), AllowedMentions = AllowedMentions.None };
    }

    /// <summary>One member's result: ✅ or ❌, their pick, the answer, the points, the explanation and the citation.</summary>
    public static MessagePayload Reveal(AnswerReveal reveal, string given, IReadOnlyList<Citation> citations, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        ArgumentNullException.ThrowIfNull(given);
        var text = new StringBuilder()
            .Append(reveal.Question.Prompt).Append("\n\n")
            .Append("Your answer: ").Append(TextFit.Truncate(given, 200)).Append('\n')
            .Append("Answer: **").Append(reveal.Verdict.CanonicalAnswer).Append("**\n");
        if (reveal.IsCorrect)
        {
            text.Append('+').Append(reveal.PointsAwarded.ToString(CultureInfo.InvariantCulture)).Append(" points on the leaderboard\n");
        }

        if (reveal.Question.Explanation.Length > 0)
        {
            text.Append('\n').Append(reveal.Question.Explanation).Append('\n');
        }

        var title = reveal.IsCorrect ? "✅ Correct!" : "❌ Not quite";
        return Ephemeral(null, title, reveal.IsCorrect ? Colors.Correct : Colors.Wrong, text.ToString(), citations, date);
    }

    /// <summary>A second press: what the member answered before, with the answer and its citation again.</summary>
    public static MessagePayload AlreadyAnswered(AnswerReveal reveal, IReadOnlyList<Citation> citations, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        var verdict = reveal.IsCorrect
            ? $"✅ right, +{reveal.PointsAwarded.ToString(CultureInfo.InvariantCulture)} points."
            : "❌ not quite.";
        var text = new StringBuilder()
            .Append(reveal.Question.Prompt).Append("\n\n")
            .Append("Answer: **").Append(reveal.Verdict.CanonicalAnswer).Append("**\n");
        return Ephemeral($"{AlreadyAnsweredStart} {verdict}", "Question of the day", Colors.Neutral, text.ToString(), citations, date);
    }

    /// <summary>A button of an earlier day's question.</summary>
    public static string Closed(int? nextHourUtc) => nextHourUtc is { } hour
        ? $"This daily question has closed — a new one comes at {DailySchedule.Hour(hour)}."
        : "This daily question has closed.";

    /// <summary>The moderator's confirmation: where, at what hour, and when the next question comes.</summary>
    public static MessagePayload Scheduled(GuildSettings settings, DateTimeOffset next)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return MessagePayload.Text(
            $"✅ The question of the day will be posted in <#{settings.DailyChannelId}> every day at {DailySchedule.Hour(settings.DailyHourUtc)}. "
            + $"Next one: {TextFit.Timestamp(next, 'F')} ({TextFit.Timestamp(next)}). "
            + "The bot needs View Channel, Send Messages and Embed Links there. Turn it off with /quizadmin daily off:True.");
    }

    public static MessagePayload TurnedOff() =>
        MessagePayload.Text("The question of the day is off. Turn it on again with /quizadmin daily channel:#channel [hour-utc].");

    /// <summary>/quizadmin daily without options: the current setting and how to change it.</summary>
    public static MessagePayload Status(GuildSettings settings, DateTimeOffset? next)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return MessagePayload.Text(settings.DailyChannelId is { } channel && next is { } at
            ? $"The question of the day is posted in <#{channel}> at {DailySchedule.Hour(settings.DailyHourUtc)}; next one {TextFit.Timestamp(at, 'F')}. "
                + "Change it with /quizadmin daily channel:#channel [hour-utc], or turn it off with off:True."
            : "The question of the day is off. Turn it on with /quizadmin daily channel:#channel [hour-utc] (the hour is UTC, 0-23, default 9).");
    }

    private static MessagePayload Ephemeral(string? content, string title, int color, string body, IReadOnlyList<Citation> citations, DateOnly date)
    {
        var citation = CitationView.Render(citations);
        // The explanation gives way before the citation does: the citation is the one thing a reveal must show.
        var room = Embed.MaxDescriptionLength - citation.Length - 2;
        var fitted = TextFit.Truncate(body.TrimEnd(), Math.Max(room, 0));
        var embed = new Embed
        {
            Title = title,
            Description = TextFit.Truncate(fitted + "\n\n" + citation, Embed.MaxDescriptionLength),
            Color = color,
            Footer = new EmbedFooter { Text = $"Question of the day · {DailySchedule.Format(date)}" },
        };
        return new MessagePayload { Content = content, Embeds = [embed], Components = [], AllowedMentions = AllowedMentions.None }.AsEphemeral();
    }

    private static string CanonicalAnswer(Question question) => question.Kind == QuestionKind.TrueFalse
        ? (Core.Judging.AnswerJudge.IsTrue(question) ? "True" : "False")
        : question.Answer;

    private static List<Component> Buttons(PresentedQuestion question, DateOnly date)
    {
        return ChoiceLayout.Buttons(
            question.Question.Kind, question.Choices, choice => DailyIds.Choice(date, choice).ToString(), MessagePayload.MaxActionRows);
    }
}
