using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every <see cref="IPlayerStatsQuery"/> must return: leaderboards and stats equal to a plain LINQ recount of
/// the answers written through the store's ports, over weeks, months, seasons and ties, also after writers on two
/// instances raced (started by one barrier).
/// </summary>
public abstract class PlayerStatsQueryContract
{
    private static readonly string[] Scopes = ["g1", "g2", "g3"];
    private static readonly string[] AllTopics = ["csto", "base", "treaty", "trade"];
    private static readonly DateTimeOffset From = new(2025, 1, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Nows =
    [
        new(2025, 3, 9, 23, 59, 59, TimeSpan.Zero),   // Sunday: the last second of a week
        new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero),     // Monday: a new week
        new(2025, 2, 28, 23, 59, 59, TimeSpan.Zero),  // the last second of February
        new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),      // a new month (and a Saturday)
        new(2025, 3, 12, 13, 0, 0, TimeSpan.Zero),    // before g2's season start, same day
        new(2025, 3, 26, 9, 30, 0, TimeSpan.Zero),
        new(2025, 4, 12, 12, 0, 0, TimeSpan.Zero),    // after the last answer
    ];

    private readonly List<AnswerRecord> stored = [];
    private readonly Dictionary<string, DateTimeOffset?> seasons = new(StringComparer.Ordinal);
    private readonly Dictionary<PlayerKey, List<CardState>> cards = [];

    /// <summary>The ports on a new, empty database.</summary>
    protected abstract ContractStores CreateStores();

    /// <summary>The ports of a second instance on the database <see cref="CreateStores"/> made last.</summary>
    protected abstract ContractStores OpenAnother();

    /// <summary>The implementation's own rollups (its tables, not the port) checked against a recount of the answers it holds.</summary>
    protected abstract Task AssertRollupsMatchAnswersAsync();

    /// <summary>On the last database, holds what an answer being written to <paramref name="scope"/> holds, until disposed.</summary>
    protected abstract Task<IAsyncDisposable> HoldScoreWritesAsync(string scope);

    /// <summary>
    /// Returns once at least <paramref name="waiters"/> calls wait on the last database's locks, where the database
    /// can tell (else at once: the held lock keeps them queued either way).
    /// </summary>
    protected abstract Task WaitUntilWaitingAsync(int waiters);

    [Fact]
    public async Task Leaderboards_and_stats_equal_a_brute_force_recount_across_weeks_months_and_seasons()
    {
        var stores = CreateStores();
        await FillAsync(stores, seed: 2025);

        foreach (var now in Nows)
        {
            foreach (var scope in Scopes)
            {
                await AssertBoardsAsync(stores.Stats, scope, now, pages: true);
                foreach (var user in Users(scope).Append("nobody"))
                {
                    await AssertStatsAsync(stores.Stats, new PlayerKey(scope, user), now);
                }
            }
        }

        await AssertRollupsMatchAnswersAsync();
    }

    [Fact]
    public async Task Ties_go_to_who_reached_the_score_first_then_to_the_user_id_in_ordinal_order()
    {
        var stores = CreateStores();
        var t = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
        async Task Record(string user, int index, int points, DateTimeOffset at) =>
            Assert.True(await stores.Quizzes.RecordAsync(Answers.Make(new PlayerKey("g1", user), $"s-{user}", index, points > 0, at, points)));

        // Ordinal order is "Bee" < "_cy" < "ant"; a linguistic collation would put them "_cy", "ant", "Bee".
        await Record("cat", 0, 10, t.AddMinutes(1));
        await Record("ant", 0, 10, t.AddMinutes(5));
        await Record("Bee", 0, 10, t.AddMinutes(5));
        await Record("_cy", 0, 10, t.AddMinutes(5));
        await Record("cat", 1, 0, t.AddMinutes(9)); // a later wrong answer does not move cat's time
        await Record("dog", 0, 0, t);

        var board = await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "dog", 0, 10, t.AddHours(1));
        Assert.Equal(["cat", "Bee", "_cy", "ant", "dog"], board.Rows.Select(r => r.UserId));
        Assert.Equal([1, 2, 3, 4, 5], board.Rows.Select(r => r.Rank));
        Assert.Equal(5, board.Caller?.Rank);
        Assert.Equal(5, board.TotalRanked);
        foreach (var row in board.Rows)
        {
            var mine = await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, row.UserId, 0, 1, t.AddHours(1));
            Assert.Equal(row, mine.Caller);
            Assert.Equal(row.Rank, (await stores.Stats.GetStatsAsync(new PlayerKey("g1", row.UserId), t.AddHours(1))).Rank);
        }
    }

    [Fact]
    public async Task Accuracy_needs_ten_answers_in_the_period_and_the_caller_below_it_has_no_row()
    {
        var stores = CreateStores();
        var t = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
        var ann = new PlayerKey("g1", "ann");
        var bob = new PlayerKey("g1", "bob");
        for (var i = 0; i < 10; i++)
        {
            await stores.Quizzes.RecordAsync(Answers.Make(ann, "sa", i, i % 2 == 0, t.AddMinutes(i)));
            if (i < 9)
            {
                await stores.Quizzes.RecordAsync(Answers.Make(bob, "sb", i, true, t.AddMinutes(i)));
            }
        }

        var byAccuracy = await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Accuracy, "bob", 0, 10, t);
        Assert.Equal("ann", Assert.Single(byAccuracy.Rows).UserId);
        Assert.Equal(0.5, byAccuracy.Rows[0].Accuracy);
        Assert.Null(byAccuracy.Caller);
        Assert.Equal(1, byAccuracy.TotalRanked);

        var byPoints = await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "bob", 0, 10, t);
        Assert.Equal(["bob", "ann"], byPoints.Rows.Select(r => r.UserId));
        Assert.Equal(1, byPoints.Caller?.Rank);
    }

    [Fact]
    public async Task An_empty_scope_a_page_past_the_end_and_an_unknown_player_give_empty_answers()
    {
        var stores = CreateStores();
        var now = Nows[0];
        foreach (var period in Enum.GetValues<LeaderboardPeriod>())
        {
            foreach (var metric in Enum.GetValues<LeaderboardMetric>())
            {
                var board = await stores.Stats.GetLeaderboardAsync("g1", period, metric, "ann", 0, 10, now);
                Assert.Equal((period, metric, 0, null, 0), (board.Period, board.Metric, board.Rows.Count, board.Caller, board.TotalRanked));
            }
        }

        var ann = new PlayerKey("g1", "ann");
        var nothing = await stores.Stats.GetStatsAsync(ann, now);
        Assert.Empty(nothing.Topics);
        Assert.Equal(new PlayerStats(ann, "ann", 0, null, 0, 0, 0, 0, nothing.Topics, 0, 0, 0), nothing);
        Assert.Null(await stores.Stats.GetRankAsync(ann, now));

        // Answers of last week only: this week's board is empty, the all-time one is not; past its end a page is empty.
        await stores.Quizzes.RecordAsync(Answers.Make(ann, "s1", 0, true, now.AddDays(-8)));
        Assert.Equal(0, (await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "ann", 0, 10, now)).TotalRanked);
        var pastTheEnd = await stores.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "ann", 5, 10, now);
        Assert.Empty(pastTheEnd.Rows);
        Assert.Equal((1, 1), (pastTheEnd.TotalRanked, pastTheEnd.Caller?.Rank));
        Assert.Equal(0, (await stores.Stats.GetLeaderboardAsync("g2", LeaderboardPeriod.All, LeaderboardMetric.Points, "ann", 0, 10, now)).TotalRanked);
    }

    [Fact]
    public async Task Bad_leaderboard_requests_are_refused()
    {
        var stats = CreateStores().Stats;
        var now = Nows[0];
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", -1, 10, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 0, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 101, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", (LeaderboardPeriod)7, LeaderboardMetric.Points, "u", 0, 10, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, (LeaderboardMetric)7, "u", 0, 10, now));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetLeaderboardAsync("", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 10, now));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync(new PlayerKey("g1", " "), now));
    }

    [Fact]
    public async Task Writers_on_two_instances_with_repeated_deliveries_leave_every_board_equal_to_a_recount()
    {
        const int writers = 6;
        const int perWriter = 150;
        var instances = new[] { CreateStores(), OpenAnother() };
        var random = new Random(11);
        var players = Enumerable.Range(0, 10).Select(i => new PlayerKey(i % 3 == 0 ? "g2" : "g1", $"u{i}")).ToArray();

        // Sessions of 12 questions, so many players pass the 10 answers accuracy boards need; picks repeat across
        // writers as retried deliveries do, and few point values make players share and swap rank buckets.
        var unique = new List<AnswerRecord>();
        for (var s = 0; s < 60; s++)
        {
            var player = players[random.Next(players.Length)];
            for (var i = 0; i < 12; i++)
            {
                unique.Add(Answers.Make(player, $"s{s}", i, random.Next(3) > 0, Answers.Start.AddHours(random.Next(24 * 50)),
                    points: random.Next(0, 3) * 5, questionId: $"q{random.Next(30)}", topics: random.Next(2) == 0 ? ["csto"] : ["csto", "base"]));
            }
        }

        var batches = Enumerable.Range(0, writers).Select(_ => Enumerable.Range(0, perWriter).Select(_ => unique[random.Next(unique.Count)]).ToList()).ToList();
        using var barrier = new Barrier(writers);
        var results = await Task.WhenAll(batches.Select((batch, w) => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            var inserted = new List<AnswerRecord>();
            foreach (var answer in batch)
            {
                if (await instances[w % 2].Quizzes.RecordAsync(answer))
                {
                    inserted.Add(answer);
                }
            }

            return inserted;
        })));

        var sent = batches.SelectMany(b => b).Distinct().ToList();
        Assert.True(sent.Count < writers * perWriter, "the batches must repeat answers");
        var insertedEverywhere = results.SelectMany(r => r).ToList();
        Assert.Equal(sent.Count, insertedEverywhere.Count);
        Assert.Equal(sent.Count, insertedEverywhere.Distinct().Count());

        stored.AddRange(sent);
        var now = Answers.Start.AddDays(51);
        foreach (var scope in new[] { "g1", "g2" })
        {
            await AssertBoardsAsync(instances[1].Stats, scope, now, pages: false);
        }

        foreach (var player in players)
        {
            var mine = sent.Where(a => a.Player == player).ToList();
            var stats = await instances[0].Stats.GetStatsAsync(player, now);
            Assert.Equal((mine.Count, mine.Count(a => a.Correct), mine.Sum(a => a.Points)), (stats.Answered, stats.Correct, stats.Points));
        }

        await AssertRollupsMatchAnswersAsync();
    }

    [Fact]
    public async Task Answers_written_while_another_instance_moves_the_season_count_by_the_season_that_ends_up_stored()
    {
        var instances = new[] { CreateStores(), OpenAnother() };
        var random = new Random(17);
        var answers = Enumerable.Range(0, 240).Select(i => Answers.Make(
                new PlayerKey("g1", $"u{i % 9}"), $"s{i / 12}", i % 12, random.Next(3) > 0, Answers.Start.AddHours(random.Next(24 * 40)), points: random.Next(0, 3) * 5))
            .ToList();
        DateTimeOffset?[] seasonMoves = [Answers.Start.AddDays(10), Answers.Start.AddDays(25), null, Answers.Start.AddDays(18).AddHours(7)];
        const int writers = 3;
        using var barrier = new Barrier(writers + 1);

        var season = Task.Run(async () =>
        {
            barrier.SignalAndWait();
            foreach (var start in seasonMoves)
            {
                await instances[1].Guilds.SaveSettingsAsync(new GuildSettings("g1", null, 9, start));
            }
        });
        var writes = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            foreach (var answer in answers.Where((_, i) => i % writers == w))
            {
                Assert.True(await instances[w % 2].Quizzes.RecordAsync(answer));
            }
        }));
        await Task.WhenAll(writes.Append(season));

        stored.AddRange(answers);
        seasons["g1"] = seasonMoves[^1];
        foreach (var now in new[] { Answers.Start.AddDays(20), Answers.Start.AddDays(41) })
        {
            await AssertBoardsAsync(instances[0].Stats, "g1", now, pages: false);
        }

        await AssertRollupsMatchAnswersAsync();
    }

    [Fact]
    public async Task Two_instances_changing_a_new_scopes_season_at_once_leave_boards_counted_by_the_season_stored()
    {
        var instances = new[] { CreateStores(), OpenAnother() };
        var answers = Enumerable.Range(0, 24).Select(i => Answers.Make(
                new PlayerKey("g1", i % 2 == 0 ? "ann" : "bob"), $"s{i % 2}", i / 2, i % 3 > 0, Answers.Start.AddDays(i)))
            .ToList();
        foreach (var answer in answers)
        {
            Assert.True(await instances[0].Quizzes.RecordAsync(answer));
        }

        // The first save blocks behind an answer's hold with the scope's settings row written but not committed; the
        // second arrives meanwhile. Whichever commits last, the boards must count by the season then stored.
        Task setting, clearing;
        await using (await HoldScoreWritesAsync("g1"))
        {
            setting = Task.Run(() => instances[0].Guilds.SaveSettingsAsync(new GuildSettings("g1", null, 9, Answers.Start.AddDays(12))));
            await WaitUntilWaitingAsync(1);
            clearing = Task.Run(() => instances[1].Guilds.SaveSettingsAsync(new GuildSettings("g1", null, 9, null)));
            await WaitUntilWaitingAsync(2);
        }

        await Task.WhenAll(setting, clearing);
        stored.AddRange(answers);
        seasons["g1"] = (await instances[1].Guilds.GetSettingsAsync("g1")).SeasonStartedAt;
        await AssertBoardsAsync(instances[1].Stats, "g1", Answers.Start.AddDays(30), pages: false);
        await AssertRollupsMatchAnswersAsync();
    }

    private IEnumerable<string> Users(string scope) =>
        stored.Where(a => a.Player.Scope == scope).Select(a => a.Player.UserId).Distinct().Order(StringComparer.Ordinal);

    /// <summary>
    /// Random answers in three scopes, written out of time order, with g2's season starting mid-way and g3's set and
    /// cleared again; user ids whose ordinal and linguistic orders differ; times on the hour so scores tie.
    /// </summary>
    private async Task FillAsync(ContractStores stores, int seed)
    {
        var random = new Random(seed);
        var pending = new List<AnswerRecord>();
        var sessionCounter = 0;
        foreach (var scope in Scopes)
        {
            for (var u = 0; u < 16; u++)
            {
                var id = (u % 4) switch { 0 => $"user{u}", 1 => $"User{u}", 2 => $"_u{u}", _ => $"{u * 7}" };
                var player = new PlayerKey(scope, id);

                // A few players answer rarely, so the 10-answer accuracy rule matters.
                var sessions = u % 6 == 0 ? 1 : random.Next(2, 7);
                for (var s = 0; s < sessions; s++)
                {
                    var sessionId = $"s{sessionCounter++}";
                    var sessionStart = From.AddHours(random.Next(82 * 24));
                    var length = u % 6 == 0 ? random.Next(1, 6) : random.Next(5, 15);
                    for (var i = 0; i < length; i++)
                    {
                        var correct = random.NextDouble() < 0.3 + (u % 5 * 0.12);
                        var points = correct ? (random.Next(4) == 0 ? 5 : 10) : 0;
                        var topics = AllTopics.Where(_ => random.Next(3) == 0).DefaultIfEmpty("csto").ToArray();
                        pending.Add(new AnswerRecord(player, $"Player {u}", sessionId, i, $"q{random.Next(30)}", "f", topics, correct, points, QuizMode.Quiz,
                            sessionStart.AddHours(i * random.Next(0, 3))));
                    }
                }

                var playerCards = Enumerable.Range(0, random.Next(0, 6)).Select(c => new CardState(
                    $"card{c}", (CardPhase)random.Next(4), 0, 1, 5, From.AddHours(random.Next(90 * 24)), From, 1, 0)).ToList();
                cards[player] = playerCards;
                foreach (var card in playerCards)
                {
                    await stores.Study.SaveCardAsync(player, card);
                }
            }
        }

        // Out of time order, so "who got there first" cannot lean on arrival order.
        pending = pending.OrderBy(_ => random.Next()).ToList();
        var half = pending.Count / 2;
        await RecordAsync(stores.Quizzes, pending.Take(half));

        // g2's season starts mid-day, after half the answers are in: a recount, then the writer's own check.
        await SetSeasonAsync(stores.Guilds, "g2", new DateTimeOffset(2025, 3, 12, 13, 30, 0, TimeSpan.Zero));
        await SetSeasonAsync(stores.Guilds, "g3", new DateTimeOffset(2025, 2, 15, 0, 0, 0, TimeSpan.Zero));
        await RecordAsync(stores.Quizzes, pending.Skip(half).Take(half / 2));
        await SetSeasonAsync(stores.Guilds, "g3", null);
        await RecordAsync(stores.Quizzes, pending.Skip(half + (half / 2)));

        // Retries change nothing.
        await RecordAsync(stores.Quizzes, pending.Take(50), expectNew: false);
        Assert.True(stored.Count > 1000);
    }

    private async Task RecordAsync(IQuizStore quizzes, IEnumerable<AnswerRecord> answers, bool expectNew = true)
    {
        foreach (var answer in answers)
        {
            var inserted = await quizzes.RecordAsync(answer);
            Assert.Equal(expectNew, inserted);
            if (inserted)
            {
                stored.Add(answer);
            }
        }
    }

    private async Task SetSeasonAsync(IGuildStore guilds, string scope, DateTimeOffset? start)
    {
        var settings = await guilds.GetSettingsAsync(scope);
        await guilds.SaveSettingsAsync(settings with { SeasonStartedAt = start });
        seasons[scope] = start;
    }

    /// <summary>The board by LINQ: points desc, then who reached that score first, then user id (accuracy: 10+ answers, accuracy first).</summary>
    private List<LeaderboardRow> ExpectedBoard(string scope, LeaderboardPeriod period, LeaderboardMetric metric, DateTimeOffset now)
    {
        var day = now.UtcDateTime.Date;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var first = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (from, to) = period switch
        {
            LeaderboardPeriod.Week => (monday, monday.AddDays(7)),
            LeaderboardPeriod.Month => (first, first.AddMonths(1)),
            _ => (DateTime.MinValue, DateTime.MaxValue),
        };
        var season = seasons.GetValueOrDefault(scope);
        var rows = stored
            .Where(a => a.Player.Scope == scope && a.AnsweredAt.UtcDateTime >= from && a.AnsweredAt.UtcDateTime < to)
            .Where(a => season is null || a.AnsweredAt >= season)
            .GroupBy(a => a.Player.UserId)
            .Select(g => (UserId: g.Key, Name: g.First().DisplayName, Points: g.Sum(a => a.Points), Answered: g.Count(), Correct: g.Count(a => a.Correct),
                ScoredAt: g.Where(a => a.Points > 0).Select(a => a.AnsweredAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max()))
            .Where(r => metric == LeaderboardMetric.Points || r.Answered >= 10);
        var ordered = metric == LeaderboardMetric.Points
            ? rows.OrderByDescending(r => r.Points)
            : rows.OrderByDescending(r => (double)r.Correct / r.Answered).ThenByDescending(r => r.Points);
        return ordered.ThenBy(r => r.ScoredAt).ThenBy(r => r.UserId, StringComparer.Ordinal)
            .Select((r, i) => new LeaderboardRow(i + 1, r.UserId, r.Name, r.Points, r.Answered, r.Correct))
            .ToList();
    }

    /// <summary>Every board of the scope at <paramref name="now"/>, and every player's own row on it, equal the recount.</summary>
    private async Task AssertBoardsAsync(IPlayerStatsQuery stats, string scope, DateTimeOffset now, bool pages)
    {
        foreach (var period in Enum.GetValues<LeaderboardPeriod>())
        {
            foreach (var metric in Enum.GetValues<LeaderboardMetric>())
            {
                var expected = ExpectedBoard(scope, period, metric, now);
                var context = $"{scope} {period} {metric} at {now:O}";
                var full = await stats.GetLeaderboardAsync(scope, period, metric, "nobody", 0, 100, now);
                Assert.True(expected.Count == full.TotalRanked, context);
                Assert.Null(full.Caller);
                Assert.Equal(expected, full.Rows);
                if (pages)
                {
                    var page = await stats.GetLeaderboardAsync(scope, period, metric, "nobody", 5, 7, now);
                    Assert.Equal(expected.Skip(5).Take(7), page.Rows);
                }

                foreach (var user in stored.Where(a => a.Player.Scope == scope).Select(a => a.Player.UserId).Distinct())
                {
                    var board = await stats.GetLeaderboardAsync(scope, period, metric, user, 0, 3, now);
                    var own = expected.Find(e => e.UserId == user);
                    Assert.True(Equals(own, board.Caller), $"{context}: {user} should be {own?.ToString() ?? "unranked"}, was {board.Caller}");
                }
            }
        }
    }

    private async Task AssertStatsAsync(IPlayerStatsQuery stats, PlayerKey player, DateTimeOffset now)
    {
        var mine = stored.Where(a => a.Player == player).ToList();
        var streak = 0;
        var best = 0;
        foreach (var answer in mine)
        {
            streak = answer.Correct ? streak + 1 : 0;
            best = Math.Max(best, streak);
        }

        var board = ExpectedBoard(player.Scope, LeaderboardPeriod.All, LeaderboardMetric.Points, now);
        var today = now.UtcDateTime.Date;
        var days = mine.Select(a => a.AnsweredAt.UtcDateTime.Date).Where(d => d <= today).ToHashSet();
        var dayStreak = 0;
        for (var d = days.Contains(today) ? today : today.AddDays(-1); days.Contains(d); d = d.AddDays(-1))
        {
            dayStreak++;
        }

        var topics = mine.SelectMany(a => a.Topics.Distinct().Select(t => (Topic: t, a.Correct)))
            .GroupBy(x => x.Topic)
            .Select(g => new TopicAccuracy(g.Key, g.Count(), g.Count(x => x.Correct)))
            .OrderBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();
        var myCards = cards.GetValueOrDefault(player) ?? [];
        var midnight = new DateTimeOffset(today.AddDays(1), TimeSpan.Zero);

        var expected = new PlayerStats(
            player,
            mine.Count > 0 ? mine[0].DisplayName : player.UserId,
            mine.Sum(a => a.Points),
            board.Find(r => r.UserId == player.UserId)?.Rank,
            mine.Count,
            mine.Count(a => a.Correct),
            best,
            dayStreak,
            topics,
            myCards.Count(c => c.Phase == CardPhase.Review),
            myCards.Count(c => c.Due <= now),
            myCards.Count(c => c.Due < midnight));

        var actual = await stats.GetStatsAsync(player, now);
        Assert.Equal(expected.Topics, actual.Topics);
        Assert.Equal(expected, actual with { Topics = expected.Topics });

        // The end of a quiz reads the rank alone: it must be the rank /stats shows.
        Assert.Equal(expected.Rank, await stats.GetRankAsync(player, now));
    }
}
