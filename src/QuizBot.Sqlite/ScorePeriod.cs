using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>
/// Which row of <c>score_periods</c> an answer adds to, or a leaderboard reads: the UTC week (from Monday), the
/// UTC month (from the 1st) or the whole season, identified by the day number of the period's first day.
/// </summary>
internal readonly record struct ScorePeriod(string Kind, long Start)
{
    public const string WeekKind = "week";
    public const string MonthKind = "month";
    public const string AllKind = "all";

    public static ScorePeriod All { get; } = new(AllKind, 0);

    public static ScorePeriod WeekOf(DateTimeOffset time)
    {
        var day = StoredTime.DayNumber(time);
        var daysSinceMonday = ((int)time.UtcDateTime.DayOfWeek + 6) % 7;
        return new ScorePeriod(WeekKind, day - daysSinceMonday);
    }

    public static ScorePeriod MonthOf(DateTimeOffset time) =>
        new(MonthKind, StoredTime.DayNumber(time) - (time.UtcDateTime.Day - 1));

    public static ScorePeriod For(LeaderboardPeriod period, DateTimeOffset now) => period switch
    {
        LeaderboardPeriod.Week => WeekOf(now),
        LeaderboardPeriod.Month => MonthOf(now),
        LeaderboardPeriod.All => All,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown leaderboard period."),
    };
}
