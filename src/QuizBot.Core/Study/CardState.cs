namespace QuizBot.Core.Study;

/// <summary>FSRS ratings, numbered as the algorithm numbers them.</summary>
public enum Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

public enum CardPhase
{
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}

/// <summary>
/// The memory state of one flashcard for one player. <see cref="CardId"/> is the fact id.
/// <see cref="Step"/> indexes the learning or relearning steps while in those phases.
/// </summary>
public sealed record CardState(
    string CardId,
    CardPhase Phase,
    int Step,
    double Stability,
    double Difficulty,
    DateTimeOffset Due,
    DateTimeOffset? LastReview,
    int Reps,
    int Lapses);

/// <summary>One review as it happened, for the review log.</summary>
public sealed record ReviewLogEntry(
    string CardId,
    Rating Rating,
    DateTimeOffset ReviewedAt,
    double ElapsedDays,
    double ScheduledDays,
    CardPhase PhaseBefore);
