using QuizBot.Core.Players;

namespace QuizBot.Core.Ports;

/// <summary>Answers and right answers on one UTC day.</summary>
public sealed record DailyAnswers(DateOnly Day, int Answered, int Correct);

/// <summary>
/// A player's progress over time: one entry per UTC day of the window ending today (oldest first, days
/// without answers included as zeros), the flashcards falling due on each of the next days (index 0 is
/// today and includes every overdue card), and the studied cards by FSRS phase.
/// <see cref="LastActivityAt"/> is the latest answer or review, so a picture of it can be reused until the
/// next one.
/// </summary>
public sealed record PlayerProgress(
    IReadOnlyList<DailyAnswers> Days,
    IReadOnlyList<int> DueByDay,
    int CardsLearned,
    int CardsLearning,
    DateTimeOffset? LastActivityAt)
{
    public int CardsStudied => CardsLearned + CardsLearning;
}

/// <summary>Progress over time for the stats picture and the terminal charts.</summary>
public interface IPlayerProgressQuery
{
    public const int DefaultDays = 30;
    public const int DefaultForecastDays = 14;

    Task<PlayerProgress> GetProgressAsync(
        PlayerKey player,
        DateTimeOffset now,
        int days = DefaultDays,
        int forecastDays = DefaultForecastDays,
        CancellationToken cancellationToken = default);
}
