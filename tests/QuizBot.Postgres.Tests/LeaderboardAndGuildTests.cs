using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres.Tests;

/// <summary>Leaderboards, stats, seasons, the question of the day and reports on PostgreSQL, against a LINQ recount.</summary>
public sealed class LeaderboardAndGuildTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset From = new(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_board_page_and_caller_rank_equals_a_brute_force_ordering_also_after_a_season_reset()
    {
        await using var db = await fixture.NewDatabaseAsync();
        var random = new Random(5);
        var answers = new List<AnswerRecord>();
        for (var s = 0; s < 40; s++)
        {
            var player = new PlayerKey(s % 4 == 0 ? "g2" : "g1", $"u{random.Next(12)}");
            var session = Answers.Session(player, $"s{s}", count: 6, startedAt: From) with { Mode = QuizMode.Trivia };
            for (var i = 0; i < 6; i++)
            {
                // Few point values and shared times make ties on points and on the time they were reached.
                var answer = Answers.Make(player, session.Id, i, random.Next(3) > 0, From.AddHours(random.Next(24 * 30)), points: random.Next(0, 3) * 5);
                session = Answers.After(session, answer);
                Assert.True(await db.Store.Quizzes.RecordAnswerAsync(answer, session));
                answers.Add(answer);
            }
        }

        var season = From.AddDays(12);
        var nows = new[] { From.AddDays(6), From.AddDays(20), From.AddDays(31) };
        await AssertBoardsAsync(db.Store, answers, seasonOf: _ => null, nows);

        await db.Store.Guilds.SaveSettingsAsync(new GuildSettings("g1", null, 9, season));
        await AssertBoardsAsync(db.Store, answers, seasonOf: scope => scope == "g1" ? season : null, nows);
        await using var raw = await db.OpenRawAsync();
        await Recount.AssertRollupsMatchAsync(raw);
    }

    [Fact]
    public async Task Two_instances_claim_a_day_once_and_reports_round_trip()
    {
        await using var db = await fixture.NewDatabaseAsync();
        using var other = PostgresStore.Open(db.ConnectionString);
        var day = new DateOnly(2025, 3, 14);
        await db.Store.Guilds.SaveSettingsAsync(new GuildSettings("g1", "c1", 8, null));
        Assert.Single(await other.Guilds.GetDailyQuestionsDueAsync(day, 9));

        using var start = new Barrier(6);
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            var store = i % 2 == 0 ? db.Store.Guilds : other.Guilds;
            return await store.ClaimDailyQuestionAsync(new DailyQuestion("g1", day, "deck", $"q{i}", "c1", From));
        })));

        Assert.Single(claims, claimed => claimed);
        Assert.Empty(await other.Guilds.GetDailyQuestionsDueAsync(day, 9));
        await other.Guilds.CompleteDailyQuestionAsync("g1", day, "m1", null);
        Assert.Equal("m1", (await db.Store.Guilds.GetDailyQuestionAsync("g1", day))!.MessageId);
        Assert.Single(await db.Store.Guilds.GetRecentDailyQuestionsAsync("g1", 10));

        var id = await db.Store.Guilds.AddReportAsync("g1", "u1", "q1", "  unclear  ", From);
        await other.Guilds.ResolveReportAsync("g2", id);
        Assert.Equal("unclear", Assert.Single(await db.Store.Guilds.GetReportsAsync("g1", includeResolved: false)).Reason);
        await other.Guilds.ResolveReportAsync("g1", id);
        Assert.Empty(await db.Store.Guilds.GetReportsAsync("g1", includeResolved: false));
        Assert.True(Assert.Single(await db.Store.Guilds.GetReportsAsync("g1", includeResolved: true)).Resolved);
    }

    private static async Task AssertBoardsAsync(PostgresStore store, List<AnswerRecord> answers, Func<string, DateTimeOffset?> seasonOf, DateTimeOffset[] nows)
    {
        foreach (var now in nows)
        {
            foreach (var scope in new[] { "g1", "g2" })
            {
                foreach (var period in Enum.GetValues<LeaderboardPeriod>())
                {
                    foreach (var metric in Enum.GetValues<LeaderboardMetric>())
                    {
                        var expected = Expected(answers, scope, period, metric, now, seasonOf(scope));
                        var board = await store.Stats.GetLeaderboardAsync(scope, period, metric, "u1", 0, 100, now);
                        Assert.Equal(expected.Count, board.TotalRanked);
                        Assert.Equal(expected, board.Rows.Select(r => (r.UserId, r.Points, r.Answered, r.Correct)).ToList());
                        foreach (var (user, rank) in expected.Select((e, i) => (e.UserId, i + 1)))
                        {
                            var mine = await store.Stats.GetLeaderboardAsync(scope, period, metric, user, 0, 1, now);
                            Assert.Equal(rank, mine.Caller?.Rank);
                        }
                    }
                }
            }
        }

        var stats = await store.Stats.GetStatsAsync(new PlayerKey("g1", "u1"), nows[^1]);
        var own = answers.Where(a => a.Player == new PlayerKey("g1", "u1")).ToList();
        Assert.Equal((own.Count, own.Count(a => a.Correct), own.Sum(a => a.Points)), (stats.Answered, stats.Correct, stats.Points));
        Assert.NotNull(stats.Rank);
        Assert.Equal(stats.Rank, await store.Stats.GetRankAsync(new PlayerKey("g1", "u1"), nows[^1]));
        Assert.Null(await store.Stats.GetRankAsync(new PlayerKey("g1", "nobody"), nows[^1]));
    }

    /// <summary>The board by LINQ: points desc, then who reached that score first, then user id (accuracy: 10+ answers, accuracy first).</summary>
    private static List<(string UserId, int Points, int Answered, int Correct)> Expected(
        List<AnswerRecord> answers, string scope, LeaderboardPeriod period, LeaderboardMetric metric, DateTimeOffset now, DateTimeOffset? season)
    {
        var monday = now.UtcDateTime.Date.AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7));
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = answers
            .Where(a => a.Player.Scope == scope && (season is null || a.AnsweredAt >= season))
            .Where(a => period switch
            {
                LeaderboardPeriod.Week => a.AnsweredAt.UtcDateTime >= monday && a.AnsweredAt.UtcDateTime < monday.AddDays(7),
                LeaderboardPeriod.Month => a.AnsweredAt.UtcDateTime >= first && a.AnsweredAt.UtcDateTime < first.AddMonths(1),
                _ => true,
            })
            .GroupBy(a => a.Player.UserId)
            .Select(g => (UserId: g.Key, Points: g.Sum(a => a.Points), Answered: g.Count(), Correct: g.Count(a => a.Correct),
                ScoredAt: g.Where(a => a.Points > 0).Select(a => a.AnsweredAt.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Max()))
            .ToList();
        var ordered = metric == LeaderboardMetric.Points
            ? rows.OrderByDescending(r => r.Points).ThenBy(r => r.ScoredAt).ThenBy(r => r.UserId, StringComparer.Ordinal)
            : rows.Where(r => r.Answered >= 10).OrderByDescending(r => (double)r.Correct / r.Answered).ThenByDescending(r => r.Points)
                .ThenBy(r => r.ScoredAt).ThenBy(r => r.UserId, StringComparer.Ordinal);
        return ordered.Select(r => (r.UserId, r.Points, r.Answered, r.Correct)).ToList();
    }
}
