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
