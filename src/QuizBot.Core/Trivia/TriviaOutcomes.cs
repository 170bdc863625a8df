namespace QuizBot.Core.Trivia;

/// <summary>Why a game did not start.</summary>
public enum TriviaStartRefusal
{
    QuestionsOutOfRange,
    SecondsOutOfRange,
    UnknownTopic,
    NoButtonQuestions,
    AlreadyRunning,
}

/// <summary>Why a game has fewer questions than asked.</summary>
public enum TriviaShortening
{
    None,

    /// <summary>Cut to what fits in <see cref="TriviaRules.MaxPlayTime"/> (the token's 15 minutes).</summary>
    ToPlayTime,

    /// <summary>Cut to the button questions available (on the topic).</summary>
    ToAvailableQuestions,
}

/// <summary>The outcome of /trivia start.</summary>
public abstract record TriviaStartOutcome
{
    private TriviaStartOutcome()
    {
    }

    /// <summary>The game is stored and its first question open; <see cref="Shortening"/> says whether it was cut.</summary>
    public sealed record Started(TriviaGameRecord Game, TriviaQuestion First, TriviaShortening Shortening) : TriviaStartOutcome;

    /// <summary>
    /// Nothing started. <see cref="Value"/> is the refused number (questions or seconds); <see cref="Topic"/> the topic
    /// asked for; <see cref="KnownTopics"/> the deck's topics for an unknown one.
    /// </summary>
    public sealed record Refused(TriviaStartRefusal Reason, int? Value = null, string? Topic = null, IReadOnlyList<string>? KnownTopics = null) : TriviaStartOutcome;
}

public enum TriviaPressRefusal
{
    /// <summary>This member already answered this question; the first answer stands.</summary>
    AlreadyAnswered,

    /// <summary>The question's time ran out (or it was already revealed).</summary>
    TooLate,

    /// <summary>The game is over, or there is no such game here.</summary>
    GameOver,

    /// <summary>No such question or choice in this game, or a question not asked yet.</summary>
    NotCurrent,
}

/// <summary>The outcome of a button press.</summary>
public abstract record TriviaPressOutcome
{
    private TriviaPressOutcome()
    {
    }

    /// <summary>Stored: <see cref="ChoiceLabel"/> ("B", or "True") is locked in until <see cref="Deadline"/>.</summary>
    public sealed record LockedIn(string ChoiceLabel, DateTimeOffset Deadline) : TriviaPressOutcome;

    /// <summary>Not stored; for <see cref="TriviaPressRefusal.AlreadyAnswered"/>, <see cref="EarlierChoiceLabel"/> names the answer that stands.</summary>
    public sealed record Refused(TriviaPressRefusal Reason, string? EarlierChoiceLabel = null) : TriviaPressOutcome;
}

/// <summary>The outcome of /trivia stop.</summary>
public abstract record TriviaStopOutcome
{
    private TriviaStopOutcome()
    {
    }

    /// <summary>Stopped now: the standings so far (the current question's reveal is posted by the game's driver).</summary>
    public sealed record Stopped(TriviaResult Result) : TriviaStopOutcome;

    public sealed record NoGame : TriviaStopOutcome;

    /// <summary>Only the starter or a manager may stop a game.</summary>
    public sealed record NotAllowed(string StarterName) : TriviaStopOutcome;
}
