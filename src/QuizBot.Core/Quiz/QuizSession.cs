using QuizBot.Core.Players;

namespace QuizBot.Core.Quiz;

public enum QuizMode
{
    Quiz,
    Review,
    Trivia,
    Daily,
}

/// <summary>
/// A quiz in progress, persisted after every step so it survives a restart.
/// <see cref="Seed"/> makes presentation (the order of choices) reproducible for the same session.
/// <see cref="Position"/> is the index of the question now being asked; equal to the count when finished.
/// </summary>
public sealed record QuizSession(
    string Id,
    PlayerKey Player,
    string DeckId,
    QuizMode Mode,
    string? Topic,
    IReadOnlyList<string> QuestionIds,
    int Position,
    int Answered,
    int Correct,
    int Points,
    int Streak,
    int BestStreak,
    int Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinished => FinishedAt is not null;

    /// <summary>Bumped by every transition; a transition names the version it expects.</summary>
    public int Version { get; init; }

    /// <summary>Personal quizzes (one open per member and scope); trivia and daily sessions are not.</summary>
    public bool IsPersonal => Mode is QuizMode.Quiz or QuizMode.Review;
}

/// <summary>
/// One answer as stored. (SessionId, QuestionIndex) is unique: a retried delivery or a double click
/// of the same answer is stored and scored once.
/// </summary>
public sealed record AnswerRecord(
    PlayerKey Player,
    string DisplayName,
    string SessionId,
    int QuestionIndex,
    string QuestionId,
    string FactId,
    IReadOnlyList<string> Topics,
    bool Correct,
    int Points,
    QuizMode Mode,
    DateTimeOffset AnsweredAt);

/// <summary>How a question of a quiz was closed.</summary>
public enum QuizStepKind
{
    Answered,

    /// <summary>Skipped by the member (the answer was revealed), or passed over because it left the deck.</summary>
    Skipped,

    /// <summary>Left unanswered when the member abandoned the quiz; counts as wrong in its score.</summary>
    Abandoned,

    /// <summary>
    /// Answered, but a skip had shown the member this question's answer earlier the same UTC day (in any quiz, any
    /// server): judged and shown, and scored as a skip (no points, no accuracy, the streak starts again).
    /// </summary>
    Unscored,
}

/// <summary>
/// What happened to one question of a quiz, stored with the transition that closed it, so a later press on the
/// same question (a double click, a retry, a reveal that never reached the member) can show the same reveal again.
/// </summary>
public sealed record QuizStepRecord(
    string SessionId,
    int QuestionIndex,
    string QuestionId,
    QuizStepKind Kind,
    Judging.AnswerMatch Match,
    string? Given,
    int Points,
    int StreakAfter,
    DateTimeOffset At);

/// <summary>
/// One compare-and-set on a quiz: the store applies it only if the stored session is still at
/// <see cref="Before"/>'s position and version, writing <see cref="After"/> (version + 1), the steps and the
/// scored answer with its rollups in one transaction.
/// </summary>
public sealed record QuizTransition(QuizSession Before, QuizSession After, IReadOnlyList<QuizStepRecord> Steps, AnswerRecord? Answer)
{
    /// <summary>
    /// For a scored answer: applies only if no skip revealed <see cref="Answer"/>'s question to the same user (in another
    /// session, any scope) at or after this instant. The store checks it inside the transaction and otherwise changes
    /// nothing and returns <see cref="QuizTransitionResult.RevealedEarlier"/>; a skip elsewhere cannot slip in between.
    /// </summary>
    public DateTimeOffset? NotRevealedSince { get; init; }
}

/// <summary>What the store did with a <see cref="QuizTransition"/>.</summary>
public abstract record QuizTransitionResult
{
    private QuizTransitionResult()
    {
    }

    public static QuizTransitionResult Applied { get; } = new AppliedResult();

    public static QuizTransitionResult Missing { get; } = new MissingResult();

    public static QuizTransitionResult RevealedEarlier { get; } = new RevealedEarlierResult();

    public sealed record AppliedResult : QuizTransitionResult;

    /// <summary>The session is gone; nothing changed.</summary>
    public sealed record MissingResult : QuizTransitionResult;

    /// <summary>The answer's <see cref="QuizTransition.NotRevealedSince"/> does not hold: a skip showed its answer; nothing changed.</summary>
    public sealed record RevealedEarlierResult : QuizTransitionResult;

    /// <summary>Something else happened first; nothing changed. <see cref="Stored"/> is the session as it is now.</summary>
    public sealed record Conflict(QuizSession Stored) : QuizTransitionResult;
}

/// <summary>Starting a personal quiz: either it was stored, or the member already has one open in that scope.</summary>
public abstract record QuizOpenResult
{
    private QuizOpenResult()
    {
    }

    public sealed record Opened : QuizOpenResult;

    public sealed record AlreadyOpen(QuizSession Open) : QuizOpenResult;
}
