using System.Globalization;
using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>
/// The screens of a live trivia game, all public in the channel except the ephemeral answers to presses:
/// a question with its countdown and answer buttons, its reveal (answer, who got it, explanation, citation),
/// and the final standings. Buttons carry the game id and positions, never answers.
/// </summary>
public static class TriviaView
{
    public const string AnswerAction = "a";
    public const string GameEnded = "This trivia game has ended — start a new one with /trivia start";
    public const string GuildOnly = "Trivia works in a server channel — try /quiz here instead.";
    public const string TooLate = "⏰ Time's up for that question — your answer didn't count.";

    /// <summary>How many right answers a reveal names; the rest are counted.</summary>
    public const int NamedInReveal = 5;

    /// <summary>How many players the final standings list.</summary>
    public const int StandingsShown = 10;

    public static CustomId AnswerId(string gameId, int questionIndex, int choice) =>
        CustomId.Create(CustomIdAreas.Trivia, gameId, AnswerAction, questionIndex, choice);

    public static MessagePayload Question(TriviaQuestion question, string gameId, string title, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = new StringBuilder()
            .Append("**").Append(question.Progress).Append("**  ").Append(TextFit.Bar(question.Index, question.Total)).Append("\n\n")
            .Append(question.Question.Prompt);
        ChoiceLayout.AppendChoices(text, question.Question.Kind, question.Choices);

        var closes = $"\n\n⏱ Answers close {TextFit.Timestamp(question.Deadline)}";
        var embed = new Embed
        {
            Title = TextFit.Truncate($"🎯 Trivia — {title}", Embed.MaxTitleLength),
            Description = TextFit.Truncate(text.ToString(), Embed.MaxDescriptionLength - closes.Length) + closes,
            Color = Colors.Question,
            Footer = new EmbedFooter { Text = "One answer each · faster right answers score more" },
        };
        return new MessagePayload
        {
            Content = notice is null ? null : TextFit.Truncate(notice, MessagePayload.MaxContentLength),
            Embeds = [embed],
            Components = Buttons(question, gameId),
            AllowedMentions = AllowedMentions.None,
        };
    }

    /// <summary>The question's message once time is up (or the game was stopped): no buttons left.</summary>
    public static MessagePayload Reveal(TriviaReveal reveal, string title)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        var question = reveal.Question;
        var text = new StringBuilder()
            .Append("**").Append(question.Progress).Append("**  ").Append(TextFit.Bar(question.Index + 1, question.Total)).Append('\n')
            .Append(question.Question.Prompt).Append("\n\n")
            .Append("Answer: **").Append(RightAnswer(reveal)).Append("**\n")
            .Append(WhoGotIt(reveal)).Append('\n');
        if (question.Question.Explanation.Length > 0)
        {
            text.Append('\n').Append(question.Question.Explanation).Append('\n');
        }

        var citation = CitationView.Render(reveal.Citations);
        // The explanation gives way before the citation does: the citation is the one thing a reveal must show.
        var room = Embed.MaxDescriptionLength - citation.Length - 2;
        var body = TextFit.Truncate(text.ToString().TrimEnd(), Math.Max(room, 0));
        var embed = new Embed
        {
            Title = reveal.Stopped ? $"⏹ Game stopped — {question.Progress}" : $"⏰ Time's up — {question.Progress}",
            Description = TextFit.Truncate(body + "\n\n" + citation, Embed.MaxDescriptionLength),
            Color = reveal.RightAnswers.Count > 0 ? Colors.Correct : Colors.Wrong,
            Footer = new EmbedFooter { Text = TextFit.Truncate($"🎯 Trivia — {title}", Embed.MaxFooterLength) },
        };
        return new MessagePayload { Embeds = [embed], Components = [], AllowedMentions = AllowedMentions.None };
    }

    /// <summary>The end of the game: everyone's points, best first.</summary>
    public static MessagePayload Standings(IReadOnlyList<TriviaStanding> standings, string title, int asked, string? stoppedBy = null)
    {
        ArgumentNullException.ThrowIfNull(standings);
        var text = new StringBuilder();
        if (standings.Count == 0)
        {
            text.Append("Nobody answered this time. Start another round with /trivia start.");
        }

        foreach (var standing in standings.Take(StandingsShown))
        {
            text.Append(Medal(standing.Rank)).Append(' ').Append(TextFit.EscapeMarkdown(TextFit.Truncate(standing.DisplayName, 64)))
                .Append(" — **").Append(standing.Points.ToString(CultureInfo.InvariantCulture)).Append(" points** (")
                .Append(standing.Correct.ToString(CultureInfo.InvariantCulture)).Append('/').Append(asked.ToString(CultureInfo.InvariantCulture))
                .Append(" right)\n");
        }

        if (standings.Count > StandingsShown)
        {
            text.Append("… and ").Append((standings.Count - StandingsShown).ToString(CultureInfo.InvariantCulture)).Append(" more\n");
        }

        if (standings.Count > 0)
        {
            text.Append("\nTrivia points count on /leaderboard and /stats.");
        }

        var ending = stoppedBy is null
            ? $"{asked} question{(asked == 1 ? "" : "s")} played"
            : $"Stopped by {TextFit.Truncate(stoppedBy, 64)} after {asked} question{(asked == 1 ? "" : "s")}";
        var embed = new Embed
        {
            Title = "🏆 Trivia — final standings",
            Description = TextFit.Truncate(text.ToString().TrimEnd(), Embed.MaxDescriptionLength),
            Color = Colors.Gold,
            Footer = new EmbedFooter { Text = TextFit.Truncate($"{title} · {ending}", Embed.MaxFooterLength) },
        };
        return new MessagePayload { Embeds = [embed], AllowedMentions = AllowedMentions.None };
    }

    public static string LockedIn(string choice, DateTimeOffset deadline) =>
        $"🔒 Locked in: **{choice}**. The answer is revealed {TextFit.Timestamp(deadline)}.";

    public static string AlreadyAnswered(string? choice) =>
        $"You already answered{(choice is null ? "" : $" **{choice}**")} — your first answer stands.";

    private static string RightAnswer(TriviaReveal reveal) =>
        reveal.Question.Question.Kind == QuestionKind.TrueFalse ? reveal.RightChoice : $"{reveal.RightLabel} · {reveal.RightChoice}";

    private static string WhoGotIt(TriviaReveal reveal)
    {
        var answered = $"{reveal.Answered} answered";
        if (reveal.RightAnswers.Count == 0)
        {
            return reveal.Answered == 0 ? "Nobody answered this one." : $"Nobody got it right ({answered}).";
        }

        var named = reveal.RightAnswers.Take(NamedInReveal)
            .Select(h => $"{TextFit.EscapeMarkdown(TextFit.Truncate(h.DisplayName, 64))} +{h.Points.ToString(CultureInfo.InvariantCulture)}");
        var more = reveal.RightAnswers.Count > NamedInReveal ? $" and {reveal.RightAnswers.Count - NamedInReveal} more" : "";
        return $"✅ Right: {string.Join(" · ", named)}{more} ({reveal.RightAnswers.Count} of {answered})";
    }

    private static string Medal(int rank) => rank switch
    {
        1 => "🥇",
        2 => "🥈",
        3 => "🥉",
        _ => $"#{rank.ToString(CultureInfo.InvariantCulture)}",
    };

    private static List<Component> Buttons(TriviaQuestion question, string gameId)
    {
        return ChoiceLayout.Buttons(
            question.Question.Kind, question.Choices, choice => AnswerId(gameId, question.Index, choice).ToString(), MessagePayload.MaxActionRows);
    }
}
