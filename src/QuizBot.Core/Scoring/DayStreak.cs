namespace QuizBot.Core.Scoring;

/// <summary>
/// The daily streak: the number of consecutive UTC calendar days, ending today, with at least one answer.
/// A streak is still alive until a whole UTC day passes without an answer: if the player has not answered
/// yet today, the run ending yesterday counts. Otherwise it is 0.
/// </summary>
public static class DayStreak
{
    public static int Count(IEnumerable<DateTimeOffset> answeredAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answeredAt);
        return Count(answeredAt.Select(at => DateOnly.FromDateTime(at.UtcDateTime)), DateOnly.FromDateTime(now.UtcDateTime));
    }

    public static int Count(IEnumerable<DateOnly> answerDaysUtc, DateOnly todayUtc)
    {
        ArgumentNullException.ThrowIfNull(answerDaysUtc);
        var days = answerDaysUtc.ToHashSet();
        var day = days.Contains(todayUtc) ? todayUtc : todayUtc.AddDays(-1);
        var streak = 0;
        while (days.Contains(day))
        {
            streak++;
            day = day.AddDays(-1);
        }

        return streak;
    }
}
