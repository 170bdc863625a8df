using QuizBot.Core.Players;

namespace QuizBot.Core.Ports;

public enum LeaderboardPeriod
{
    Week,
    Month,
    All,
}

public enum LeaderboardMetric
{
    Points,
    Accuracy,
}

public sealed record LeaderboardRow(int Rank, string UserId, string DisplayName, int Points, int Answered, int Correct)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
}

/// <summary>
/// One page of a scope's leaderboard. <see cref="Caller"/> is the caller's own row, or null when the caller
/// has no answers in the period (or, by accuracy, fewer than the minimum).
/// </summary>
public sealed record Leaderboard(
    LeaderboardPeriod Period,
    LeaderboardMetric Metric,
    IReadOnlyList<LeaderboardRow> Rows,
    LeaderboardRow? Caller,
    int TotalRanked);

public sealed record TopicAccuracy(string Topic, int Answered, int Correct);

public sealed record PlayerStats(
    PlayerKey Player,
    string DisplayName,
    int Points,
    int? Rank,
    int Answered,
    int Correct,
    int BestStreak,
    int DayStreak,
    IReadOnlyList<TopicAccuracy> Topics,
    int CardsLearned,
    int CardsDueNow,
    int CardsDueToday)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
}

/// <summary>
/// Read models over the answers. Weeks start on Monday 00:00 UTC, months on the 1st 00:00 UTC; answers before
/// the scope's season start do not count on leaderboards (they stay in all-time stats). Ranking by accuracy
/// needs at least 10 answers in the period; ties break by points, then by who got there first.
/// </summary>
public interface IPlayerStatsQuery
{
    Task<Leaderboard> GetLeaderboardAsync(
        string scope,
        LeaderboardPeriod period,
        LeaderboardMetric metric,
        string callerUserId,
        int skip,
        int take,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    Task<PlayerStats> GetStatsAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rank <see cref="GetStatsAsync"/> reports (the season board by points), or null when not ranked: what the
    /// end of a quiz shows, without the rest of the stats. Stores override this with a query of the rank alone.
    /// </summary>
    async Task<int?> GetRankAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await GetStatsAsync(player, now, cancellationToken).ConfigureAwait(false)).Rank;
}
