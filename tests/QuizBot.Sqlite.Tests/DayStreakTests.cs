namespace QuizBot.Sqlite.Tests;

/// <summary>The SQLite stats query's own day-streak count over its day rollup (the contract checks it through the port).</summary>
public sealed class DayStreakTests
{
    [Theory]
    [InlineData(new long[] { }, 0)]
    [InlineData(new long[] { 100 }, 1)]
    [InlineData(new long[] { 99 }, 1)]
    [InlineData(new long[] { 98 }, 0)]
    [InlineData(new long[] { 100, 99, 98, 96 }, 3)]
    [InlineData(new long[] { 99, 98, 97 }, 3)]
    [InlineData(new long[] { 100, 98, 97 }, 1)]
    public void The_day_streak_counts_back_from_today_or_yesterday(long[] daysNewestFirst, int expected) =>
        Assert.Equal(expected, SqlitePlayerStatsQuery.DayStreak(daysNewestFirst, today: 100));
}
