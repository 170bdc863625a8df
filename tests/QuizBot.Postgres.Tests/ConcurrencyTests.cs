using Dapper;
using Npgsql;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres.Tests;

/// <summary>
/// Several bot instances on one database: each is its own <see cref="PostgresStore"/> (own pool, own connections).
/// The answers go through the store's answer write (<c>ApplyAsync</c>): the same transition sent by both instances at once.
/// </summary>
public sealed class ConcurrencyTests(PostgresFixture fixture)
{
    [Fact]
    public async Task The_same_answer_taken_by_two_instances_at_once_is_stored_and_scored_once()
    {
        await using var db = await fixture.NewDatabaseAsync();
        using var other = PostgresStore.Open(db.ConnectionString);
        var player = new PlayerKey("g1", "u1");
        var session = Answers.Session(player, "s1") with { Mode = QuizMode.Trivia };
        var answer = Answers.Make(player, session.Id, 0, correct: true, Answers.Start);

        var instances = new[] { db.Store.Quizzes, other.Quizzes };
        using var start = new Barrier(8);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await instances[i % 2].ApplyAsync(Answers.Transition(session, answer)) == QuizTransitionResult.Applied;
        })));

        Assert.Single(results, stored => stored);
        await using var raw = await db.OpenRawAsync();
        Assert.Equal(1, await raw.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM answers;"));
        Assert.Equal((10, 1), await raw.QuerySingleAsync<(int, int)>("SELECT points, answered FROM player_totals;"));
        Assert.Equal(1, (await db.Store.Quizzes.GetSessionAsync("s1"))!.Answered);
    }
}

/// <summary>Recounts every rollup from the answers and compares (empty result = equal).</summary>
internal static class Recount
{
    public static async Task AssertRollupsMatchAsync(NpgsqlConnection raw)
    {
        await AssertSameAsync(raw, "player totals",
            "SELECT scope, user_id, SUM(points)::int, COUNT(*)::int, SUM(correct)::int FROM answers GROUP BY scope, user_id",
            "SELECT scope, user_id, points, answered, correct FROM player_totals");
        await AssertSameAsync(raw, "day rollups",
            "SELECT scope, user_id, answered_at / 86400000, SUM(points)::int, COUNT(*)::int, SUM(correct)::int FROM answers GROUP BY 1, 2, 3",
            "SELECT scope, user_id, day, points, answered, correct FROM score_days");
        await AssertSameAsync(raw, "topic rollups",
            "SELECT scope, user_id, t, COUNT(*)::int, SUM(correct)::int FROM answers, unnest(topics) AS t GROUP BY 1, 2, 3",
            "SELECT scope, user_id, topic, answered, correct FROM player_topics");
        await AssertSameAsync(raw, "season leaderboard",
            """
            SELECT a.scope, a.user_id, SUM(a.points)::int, COUNT(*)::int, SUM(a.correct)::int, COALESCE(MAX(a.answered_at) FILTER (WHERE a.points > 0), 0)
            FROM answers AS a LEFT JOIN guild_settings AS g ON g.scope = a.scope
            WHERE g.season_started_at IS NULL OR a.answered_at >= g.season_started_at
            GROUP BY a.scope, a.user_id
            """,
            "SELECT scope, user_id, points, answered, correct, scored_at FROM score_periods WHERE kind = 'all'");
        await AssertSameAsync(raw, "rank buckets",
            """
            SELECT scope, kind, period_start, 'points', points::double precision, COUNT(*)::int FROM score_periods GROUP BY 1, 2, 3, 5
            UNION ALL
            SELECT scope, kind, period_start, 'accuracy', correct::double precision / answered, COUNT(*)::int FROM score_periods WHERE answered >= 10 GROUP BY 1, 2, 3, 5
            """,
            "SELECT scope, kind, period_start, metric, value, players FROM score_buckets");
    }

    private static async Task AssertSameAsync(NpgsqlConnection raw, string what, string expected, string actual)
    {
        var missing = (await raw.QueryAsync($"SELECT * FROM (({expected}) EXCEPT ALL ({actual})) AS d LIMIT 5;")).Select(r => (object)r).ToList();
        var extra = (await raw.QueryAsync($"SELECT * FROM (({actual}) EXCEPT ALL ({expected})) AS d LIMIT 5;")).Select(r => (object)r).ToList();
        Assert.True(missing.Count + extra.Count == 0,
            $"{what} differ from a recount of the answers. Missing: {string.Join("; ", missing)}. Unexpected: {string.Join("; ", extra)}");
    }
}
