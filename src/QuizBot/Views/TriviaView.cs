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
    public const string AlreadyRunning = "A trivia game is already running in this channel — join in with the buttons, or wait for it to end.";
    public const string NoGame = "No trivia game is running in this channel. Start one with /trivia start.";
    public const string NotCurrent = "That button is not part of the current question.";

    /// <summary>An answer streak is shown from this many right answers in a row.</summary>
    public const int StreakShownFrom = 2;

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

    /// <summary>The end of the game: everyone's points, best first, with their best answer streak.</summary>
    public static MessagePayload Standings(TriviaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var standings = result.Standings;
        var asked = result.Asked;
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
                .Append(" right");
            if (standing.BestStreak >= StreakShownFrom)
            {
                text.Append(" · best streak ").Append(standing.BestStreak.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(")\n");
        }

        if (standings.Count > StandingsShown)
        {
            text.Append("… and ").Append((standings.Count - StandingsShown).ToString(CultureInfo.InvariantCulture)).Append(" more\n");
        }

        if (standings.Count > 0)
        {
            text.Append("\nTrivia points count on /leaderboard and /stats.");
        }

        var questions = $"{asked} question{(asked == 1 ? "" : "s")}";
        var ending = result.Reason switch
        {
            TriviaEndReason.Stopped => $"Stopped by {TextFit.Truncate(result.StoppedBy ?? "a moderator", 64)} after {questions}",
            TriviaEndReason.TokenExpired => $"Ended after {questions}: Discord's 15 minutes for a game ran out",
            TriviaEndReason.Unattended => $"Ended after {questions}: the bot was away too long to carry on",
            TriviaEndReason.DiscordFailed => $"Ended after {questions}: Discord refused the game's messages",
            _ => $"{questions} played",
        };
        var embed = new Embed
        {
            Title = "🏆 Trivia — final standings",
            Description = TextFit.Truncate(text.ToString().TrimEnd(), Embed.MaxDescriptionLength),
            Color = Colors.Gold,
            Footer = new EmbedFooter { Text = TextFit.Truncate($"{result.Title} · {ending}", Embed.MaxFooterLength) },
        };
        return new MessagePayload { Embeds = [embed], AllowedMentions = AllowedMentions.None };
    }

    /// <summary>Why /trivia start started nothing.</summary>
    public static string Refusal(TriviaStartOutcome.Refused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return refused.Reason switch
        {
            TriviaStartRefusal.QuestionsOutOfRange =>
                $"A trivia game has {TriviaRules.MinQuestions} to {TriviaRules.MaxQuestions} questions; {refused.Value} is out of range.",
            TriviaStartRefusal.SecondsOutOfRange =>
                $"Each question lasts {TriviaRules.MinSeconds} to {TriviaRules.MaxSeconds} seconds; {refused.Value} is out of range.",
            TriviaStartRefusal.UnknownTopic => TextFit.Truncate(
                $"There is no topic \"{TextFit.EscapeMarkdown(TextFit.Truncate(refused.Topic ?? "", 100))}\". Topics: {string.Join(", ", refused.KnownTopics ?? [])}.",
                MessagePayload.MaxContentLength),
            TriviaStartRefusal.AlreadyRunning => AlreadyRunning,
            _ => "This deck has no multiple-choice or true/false questions on that topic.",
        };
    }

    /// <summary>What the first question says when the game was made shorter than asked; null when it was not.</summary>
    public static string? Notice(TriviaShortening shortening, TriviaGameRecord game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var count = game.RoundCount;
        return shortening switch
        {
            TriviaShortening.ToPlayTime => $"Cut to {count} questions: {count} × {game.Seconds} seconds is what fits in the 15 minutes Discord gives a game.",
            TriviaShortening.ToAvailableQuestions => $"Only {count} button questions are available{(game.Topic is null ? "" : $" on {game.Topic}")}, so the game has {count}.",
            _ => null,
        };
    }

    /// <summary>The private answer to a press.</summary>
    public static string Press(TriviaPressOutcome outcome) => outcome switch
    {
        TriviaPressOutcome.LockedIn locked => LockedIn(locked.ChoiceLabel, locked.Deadline),
        TriviaPressOutcome.Refused { Reason: TriviaPressRefusal.AlreadyAnswered } refused => AlreadyAnswered(refused.EarlierChoiceLabel),
        TriviaPressOutcome.Refused { Reason: TriviaPressRefusal.TooLate } => TooLate,
        TriviaPressOutcome.Refused { Reason: TriviaPressRefusal.NotCurrent } => NotCurrent,
        _ => GameEnded,
    };

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
            .Select(h => $"{TextFit.EscapeMarkdown(TextFit.Truncate(h.DisplayName, 64))} +{h.Points.ToString(CultureInfo.InvariantCulture)}{Streak(h.Streak)}");
        var more = reveal.RightAnswers.Count > NamedInReveal ? $" and {reveal.RightAnswers.Count - NamedInReveal} more" : "";
        return $"✅ Right: {string.Join(" · ", named)}{more} ({reveal.RightAnswers.Count} of {answered})";
    }

    public static string OnlyStarterCanStop(string starterName) =>
        $"Only {TextFit.EscapeMarkdown(TextFit.Truncate(starterName, 64))}, who started this game, or a member with Manage Server can stop it.";

    private static string Streak(int streak) => streak >= StreakShownFrom ? $" 🔥{streak.ToString(CultureInfo.InvariantCulture)}" : "";

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
