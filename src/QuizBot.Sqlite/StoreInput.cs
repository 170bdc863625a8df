using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite;

/// <summary>
/// Rejects input the schema cannot hold meaningfully, before anything is written, with a message that names
/// what is wrong.
/// </summary>
internal static class StoreInput
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 4000;

    public static void Id(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is empty.", name);
        }

        if (value.Length > MaxIdLength)
        {
            throw new ArgumentException($"{name} is longer than {MaxIdLength} characters.", name);
        }

        NoNul(value, name);
    }

    public static void Text(string? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length > MaxTextLength)
        {
            throw new ArgumentException($"{name} is longer than {MaxTextLength} characters.", name);
        }

        NoNul(value, name);
    }

    public static void Player(PlayerKey player, string name = "player")
    {
        Id(player.Scope, $"{name}.Scope");
        Id(player.UserId, $"{name}.UserId");
    }

    public static void Time(DateTimeOffset time, string name)
    {
        if (time < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(name, time, $"{name} is before 1970.");
        }
    }

    public static void Answer(AnswerRecord answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Player(answer.Player, "answer.Player");
        Text(answer.DisplayName, "answer.DisplayName");
        Id(answer.SessionId, "answer.SessionId");
        Id(answer.QuestionId, "answer.QuestionId");
        Text(answer.FactId, "answer.FactId");
        ArgumentNullException.ThrowIfNull(answer.Topics, "answer.Topics");
        foreach (var topic in answer.Topics)
        {
            Id(topic, "answer.Topics[]");
        }

        if (answer.QuestionIndex < 0)
        {
            throw new ArgumentOutOfRangeException("answer.QuestionIndex", answer.QuestionIndex, "Question index is negative.");
        }

        if (answer.Points < 0)
        {
            throw new ArgumentOutOfRangeException("answer.Points", answer.Points, "Points are negative.");
        }

        Enum(answer.Mode, "answer.Mode");
        Time(answer.AnsweredAt, "answer.AnsweredAt");
    }

    /// <summary>A guild's settings: its ids, a daily hour within the day (UTC), a season start in range.</summary>
    public static void Settings(GuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Id(settings.Scope, "settings.Scope");
        if (settings.DailyChannelId is not null)
        {
            Id(settings.DailyChannelId, "settings.DailyChannelId");
        }

        if (settings.DailyHourUtc is < 0 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.DailyHourUtc, "Daily hour must be between 0 and 23 (UTC).");
        }

        if (settings.SeasonStartedAt is { } seasonStart)
        {
            Time(seasonStart, "settings.SeasonStartedAt");
        }
    }

    public static void Transition(QuizTransition transition)
    {
        Session(transition.Before);
        Session(transition.After);
        if (transition.Before.Id != transition.After.Id || transition.After.Version != transition.Before.Version + 1)
        {
            throw new ArgumentException("A transition moves one session to its next version.", nameof(transition));
        }

        foreach (var step in transition.Steps)
        {
            Id(step.QuestionId, "step.QuestionId");
            if (step.SessionId != transition.Before.Id || step.QuestionIndex < 0 || step.QuestionIndex >= transition.Before.QuestionIds.Count)
            {
                throw new ArgumentException("A step belongs to a question of the transition's session.", nameof(transition));
            }

            if (step.Given is { } given)
            {
                Text(given, "step.Given");
            }
        }

        if (transition.Answer is { } answer)
        {
            Answer(answer);
        }
    }

    public static void Session(QuizSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Id(session.Id, "session.Id");
        Player(session.Player, "session.Player");
        Id(session.DeckId, "session.DeckId");
        Enum(session.Mode, "session.Mode");
        if (session.Topic is not null)
        {
            Id(session.Topic, "session.Topic");
        }

        ArgumentNullException.ThrowIfNull(session.QuestionIds, "session.QuestionIds");
        foreach (var questionId in session.QuestionIds)
        {
            Id(questionId, "session.QuestionIds[]");
        }

        if (session.Position < 0 || session.Position > session.QuestionIds.Count)
        {
            throw new ArgumentOutOfRangeException("session.Position", session.Position, $"Position must be between 0 and {session.QuestionIds.Count}.");
        }

        if (session.Answered < 0 || session.Correct < 0 || session.Correct > session.Answered || session.Points < 0
            || session.Streak < 0 || session.BestStreak < session.Streak)
        {
            throw new ArgumentException("Session counters are inconsistent (negative, more correct than answered, or a streak above the best).", nameof(session));
        }

        Time(session.StartedAt, "session.StartedAt");
        if (session.FinishedAt is { } finished && finished < session.StartedAt)
        {
            throw new ArgumentOutOfRangeException("session.FinishedAt", finished, "A session cannot finish before it started.");
        }
    }

    public static void Card(CardState card, ReviewLogEntry review)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(review);
        Id(card.CardId, "after.CardId");
        if (!string.Equals(card.CardId, review.CardId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The review is for card '{review.CardId}' but the state is for '{card.CardId}'.", nameof(review));
        }

        Enum(card.Phase, "after.Phase");
        Enum(review.Rating, "review.Rating");
        Enum(review.PhaseBefore, "review.PhaseBefore");
        if (card.Step < 0 || card.Reps < 0 || card.Lapses < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(card), "Step, reps and lapses cannot be negative.");
        }

        if (!double.IsFinite(card.Stability) || !double.IsFinite(card.Difficulty)
            || !double.IsFinite(review.ElapsedDays) || !double.IsFinite(review.ScheduledDays))
        {
            throw new ArgumentException("Stability, difficulty and day counts must be finite numbers.", nameof(card));
        }

        Time(card.Due, "after.Due");
        Time(review.ReviewedAt, "review.ReviewedAt");
        if (card.LastReview is { } last)
        {
            Time(last, "after.LastReview");
        }
    }

    // PostgreSQL's text cannot hold U+0000 and SQLite's can: both stores refuse it, so they take the same input.
    private static void NoNul(string value, string name)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} contains a NUL character (U+0000).", name);
        }
    }

    private static void Enum<T>(T value, string name)
        where T : struct, Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{value} is not a known {typeof(T).Name}.");
        }
    }
}
