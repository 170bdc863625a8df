using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Sqlite;

namespace QuizBot.Benchmarks;

/// <summary>
/// The leaderboard (week, month, all; by points and by accuracy) and the stats query on 100,000 players and
/// 1,000,000 answers. Each call is what one /leaderboard or /stats does: open a pooled connection, read a page
/// of 10, the total and the caller's own rank; "rank" is the rank alone, as the end of a quiz reads it. Target: under
/// 5 ms per call (issue 15).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LeaderboardBenchmarks
{
    private SqliteStore store = null!;
    private string caller = "";

    [Params("week/points", "week/accuracy", "month/points", "month/accuracy", "all/points", "all/accuracy", "stats", "rank")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchmarkDatabase.EnsureBuilt();
        store = SqliteStore.Open(path);
        caller = PickCaller(path);
    }

    [GlobalCleanup]
    public void Cleanup() => store.Dispose();

    [Benchmark]
    public async Task<int> Run()
    {
        if (Query == "rank")
        {
            // What the end of a quiz reads: the season rank alone.
            return await store.Stats.GetRankAsync(new PlayerKey(BenchmarkDatabase.Scope, caller), BenchmarkDatabase.Now) ?? 0;
        }

        if (Query == "stats")
        {
            var stats = await store.Stats.GetStatsAsync(new PlayerKey(BenchmarkDatabase.Scope, caller), BenchmarkDatabase.Now);
            return stats.Rank ?? 0;
        }

        var parts = Query.Split('/');
        var period = Enum.Parse<LeaderboardPeriod>(parts[0], ignoreCase: true);
        var metric = Enum.Parse<LeaderboardMetric>(parts[1], ignoreCase: true);
        var board = await store.Stats.GetLeaderboardAsync(BenchmarkDatabase.Scope, period, metric, caller, 0, 10, BenchmarkDatabase.Now);
        return board.Caller?.Rank ?? throw new InvalidOperationException("The benchmark caller must be ranked.");
    }

    /// <summary>
    /// The worst realistic caller: ranked on every board (10+ answers this week) but near the bottom, so counting
    /// the players ahead of them covers most of each board.
    /// </summary>
    private static string PickCaller(string path)
    {
        var week = StoredWeekStart(BenchmarkDatabase.Now);
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id FROM score_periods
            WHERE scope = $scope AND kind = 'week' AND period_start = $week AND answered >= 10
            ORDER BY CAST(correct AS REAL) / answered, points LIMIT 1;
            """;
        command.Parameters.AddWithValue("$scope", BenchmarkDatabase.Scope);
        command.Parameters.AddWithValue("$week", week);
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException("No player has 10 answers this week.");
    }

    private static long StoredWeekStart(DateTimeOffset now)
    {
        var day = now.ToUnixTimeMilliseconds() / 86_400_000;
        return day - (((int)now.UtcDateTime.DayOfWeek + 6) % 7);
    }
}
