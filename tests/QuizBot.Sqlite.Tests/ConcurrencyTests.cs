using Dapper;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    /// <summary>
    /// Writers in one process take turns before they reach SQLite, so none waits in SQLite's busy loop: even with a
    /// busy timeout of 1 ms (which two writers racing for the lock would exceed at once), none fails with "database is locked".
    /// </summary>
    [Fact]
    public async Task Writers_in_one_process_queue_for_the_write_lock_instead_of_timing_out()
    {
        using var store = SqliteStore.Open(new SqliteStoreOptions { Path = db.FilePath, BusyTimeout = TimeSpan.FromMilliseconds(1) });
        await EightWritersAsync(store, perWriter: 200);
    }

    private async Task EightWritersAsync(SqliteStore target, int perWriter)
    {
        const int writers = 8;
        var random = new Random(7);
        var players = Enumerable.Range(0, 12).Select(i => new PlayerKey(i % 3 == 0 ? "g2" : "g1", $"u{i}")).ToArray();

        // 3,000 distinct answers in sessions of 10; each writer sends 500 picks, so many go out two or three
        // times from different threads, as a retried delivery or a double click would.
        var unique = new List<(AnswerRecord Answer, QuizSession After)>();
        for (var s = 0; s < 300; s++)
        {
            var player = players[random.Next(players.Length)];
            var session = Answers.Session(player, $"s{s}");
            for (var i = 0; i < 10; i++)
            {
                var answer = Answers.Make(player, session.Id, i, random.Next(3) > 0, Answers.Start.AddMinutes(random.Next(60 * 24 * 60)),
                    points: random.Next(0, 4) * 5, questionId: $"q{random.Next(40)}", topics: random.Next(2) == 0 ? ["csto"] : ["csto", "base"]);
                session = Answers.After(session, answer);
                unique.Add((answer, session));
            }
        }

        var batches = Enumerable.Range(0, writers)
            .Select(_ => Enumerable.Range(0, perWriter).Select(_ => unique[random.Next(unique.Count)]).ToList())
            .ToList();
        var sent = batches.SelectMany(b => b).Select(x => x.Answer).Distinct().ToList();
        Assert.True(sent.Count < writers * perWriter, "the batches must contain duplicates");

        var store = target.Quizzes;
        using var start = new Barrier(writers);
        var results = await Task.WhenAll(batches.Select(batch => Task.Run(async () =>
        {
            start.SignalAndWait();
            var inserted = new List<AnswerRecord>();
            foreach (var (answer, _) in batch)
            {
                if (await store.RecordAsync(answer))
                {
                    inserted.Add(answer);
                }
            }

            return inserted;
        })));

        var insertedEverywhere = results.SelectMany(r => r).ToList();
        Assert.Equal(sent.Count, insertedEverywhere.Count);
        Assert.Equal(sent.Count, insertedEverywhere.Distinct().Count());

        using var connection = db.OpenRaw();
        Assert.Equal(sent.Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM answers;"));
        AssertAggregatesMatchRecount(connection);
    }

    /// <summary>
    /// Answers that leave a player's accuracy where it was (all right, all wrong) skip the bucket moves, and answers worth
    /// no points take the upsert that leaves points alone: the rollups and buckets still equal a recount, answer by answer.
    /// </summary>
    [Fact]
    public async Task Unchanged_accuracy_and_pointless_answers_keep_the_rollups_and_buckets_exact()
    {
        var (right, wrong, mixed) = (new PlayerKey("g1", "right"), new PlayerKey("g1", "wrong"), new PlayerKey("g1", "mixed"));
        var at = Answers.Start;
        for (var i = 0; i < 14; i++)
        {
            at = at.AddMinutes(1);
            Assert.True(await db.Store.Quizzes.RecordAsync(Answers.Make(right, $"r{i}", 0, correct: true, at)));
            Assert.True(await db.Store.Quizzes.RecordAsync(Answers.Make(wrong, $"w{i}", 0, correct: false, at)));

            // Right but worth nothing every third answer (the unscored upsert with a correct answer), else alternating.
            var pointless = i % 3 == 0;
            Assert.True(await db.Store.Quizzes.RecordAsync(Answers.Make(mixed, $"m{i}", 0, correct: pointless || i % 2 == 0, at, points: pointless ? 0 : null)));

            using var connection = db.OpenRaw();
            AssertAggregatesMatchRecount(connection);
        }

        using var done = db.OpenRaw();
        var accuracy = done.Query<(string Kind, double Value, long Players)>(
            "SELECT kind, value, players FROM score_buckets WHERE metric = 'accuracy' ORDER BY kind, value;").ToList();
        Assert.Contains(("all", 0.0, 1L), accuracy);
        Assert.Contains(("all", 1.0, 1L), accuracy);
    }

    [Fact]
    public void A_write_transaction_takes_the_write_lock_when_it_begins()
    {
        _ = db.Store;
        using var first = new SqliteConnection($"Data Source={db.FilePath};Pooling=False");
        first.Open();
        using var holding = first.BeginTransaction(deferred: false);

        using var second = new SqliteConnection($"Data Source={db.FilePath};Pooling=False;Default Timeout=1");
        second.Open();
        second.Execute("PRAGMA busy_timeout = 0;");
        var error = Assert.Throws<SqliteException>(() => second.Execute("BEGIN IMMEDIATE;"));
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
    }

    /// <summary>Every rollup recounted from the answers table must equal what the answer transactions kept.</summary>
    internal static void AssertAggregatesMatchRecount(SqliteConnection connection)
    {
        var answers = connection.Query<(long Id, string Scope, string UserId, long Correct, long Points, long AnsweredAt, string Topics)>(
            "SELECT id, scope, user_id, correct, points, answered_at, topics FROM answers ORDER BY id;").ToList();
        var seasons = connection.Query<(string Scope, long? Start)>("SELECT scope, season_started_at FROM guild_settings;")
            .ToDictionary(s => s.Scope, s => s.Start);

        var expectedTotals = answers.GroupBy(a => (a.Scope, a.UserId)).Select(g =>
        {
            int streak = 0, best = 0;
            foreach (var a in g)
            {
                streak = a.Correct == 1 ? streak + 1 : 0;
                best = Math.Max(best, streak);
            }

            return (g.Key.Scope, g.Key.UserId, Points: g.Sum(a => a.Points), Answered: (long)g.Count(), Correct: g.Sum(a => a.Correct), Streak: (long)streak, Best: (long)best);
        }).OrderBy(x => x.Scope, StringComparer.Ordinal).ThenBy(x => x.UserId, StringComparer.Ordinal).ToList();
        var totals = connection.Query<(string, string, long, long, long, long, long)>(
            "SELECT scope, user_id, points, answered, correct, streak, best_streak FROM player_totals ORDER BY scope, user_id;").ToList();
        Assert.Equal(expectedTotals, totals);

        var expectedDays = answers.GroupBy(a => (a.Scope, a.UserId, Day: a.AnsweredAt / 86_400_000))
            .Select(g => (g.Key.Scope, g.Key.UserId, g.Key.Day, g.Sum(a => a.Points), (long)g.Count(), g.Sum(a => a.Correct)))
            .Order().ToList();
        var days = connection.Query<(string, string, long, long, long, long)>(
            "SELECT scope, user_id, day, points, answered, correct FROM score_days;").Order().ToList();
        Assert.Equal(expectedDays, days);

        var expectedTopics = answers
            .SelectMany(a => System.Text.Json.JsonSerializer.Deserialize<string[]>(a.Topics)!.Select(t => (a.Scope, a.UserId, Topic: t, a.Correct)))
            .GroupBy(x => (x.Scope, x.UserId, x.Topic))
            .Select(g => (g.Key.Scope, g.Key.UserId, g.Key.Topic, (long)g.Count(), g.Sum(x => x.Correct)))
            .Order().ToList();
        var topics = connection.Query<(string, string, string, long, long)>(
            "SELECT scope, user_id, topic, answered, correct FROM player_topics;").Order().ToList();
        Assert.Equal(expectedTopics, topics);

        var counted = answers.Where(a => seasons.GetValueOrDefault(a.Scope) is not { } start || a.AnsweredAt >= start).ToList();
        var expectedPeriods = counted
            .SelectMany(a =>
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(a.AnsweredAt);
                var day = a.AnsweredAt / 86_400_000;
                var monday = day - (((int)at.UtcDateTime.DayOfWeek + 6) % 7);
                var first = day - (at.UtcDateTime.Day - 1);
                return new[] { (a, Kind: "week", Start: monday), (a, Kind: "month", Start: first), (a, Kind: "all", Start: 0L) };
            })
            .GroupBy(x => (x.a.Scope, x.Kind, x.Start, x.a.UserId))
            .Select(g => (g.Key.Scope, g.Key.Kind, g.Key.Start, g.Key.UserId,
                g.Sum(x => x.a.Points), (long)g.Count(), g.Sum(x => x.a.Correct),
                g.Where(x => x.a.Points > 0).Select(x => x.a.AnsweredAt).DefaultIfEmpty(0).Max()))
            .Order().ToList();
        var periods = connection.Query<(string, string, long, string, long, long, long, long)>(
            "SELECT scope, kind, period_start, user_id, points, answered, correct, scored_at FROM score_periods;").Order().ToList();
        Assert.Equal(expectedPeriods, periods);

        var expectedBuckets = expectedPeriods
            .Select(p => (p.Scope, p.Kind, p.Start, Metric: "points", Value: (double)p.Item5))
            .Concat(expectedPeriods.Where(p => p.Item6 >= 10).Select(p => (p.Scope, p.Kind, p.Start, Metric: "accuracy", Value: (double)p.Item7 / p.Item6)))
            .GroupBy(b => b)
            .Select(g => (g.Key.Scope, g.Key.Kind, g.Key.Start, g.Key.Metric, g.Key.Value, (long)g.Count()))
            .Order().ToList();
        var buckets = connection.Query<(string, string, long, string, double, long)>(
            "SELECT scope, kind, period_start, metric, value, players FROM score_buckets;").Order().ToList();
        Assert.Equal(expectedBuckets, buckets);
    }
}
