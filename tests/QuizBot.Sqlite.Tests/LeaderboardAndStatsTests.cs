using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite.Tests;

/// <summary>Leaderboards and stats compared with a plain LINQ recount of the same random answers.</summary>
public sealed class LeaderboardAndStatsTests : IDisposable
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

    private readonly TestDatabase db = new();
    private readonly List<AnswerRecord> stored = [];
    private readonly Dictionary<string, DateTimeOffset?> seasons = new(StringComparer.Ordinal);
    private readonly Dictionary<PlayerKey, List<CardState>> cards = [];

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Leaderboards_and_stats_equal_a_brute_force_recount()
    {
        await FillAsync(seed: 2025);

        foreach (var now in Nows)
        {
            foreach (var scope in Scopes)
            {
                foreach (var period in Enum.GetValues<LeaderboardPeriod>())
                {
                    foreach (var metric in Enum.GetValues<LeaderboardMetric>())
                    {
                        await AssertLeaderboardAsync(scope, period, metric, now);
                    }
                }

                foreach (var user in Users(scope).Append("nobody"))
                {
                    await AssertStatsAsync(new PlayerKey(scope, user), now);
                }
            }
        }
    }

    [Fact]
    public async Task Ties_go_to_who_reached_the_score_first_then_to_the_user_id()
    {
        var quizzes = db.Store.Quizzes;
        var t = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
        async Task Record(string user, int index, int points, DateTimeOffset at)
        {
            var player = new PlayerKey("g1", user);
            Assert.True(await quizzes.RecordAnswerAsync(Answers.Make(player, $"s-{user}", index, points > 0, at, points), Answers.Session(player, $"s-{user}")));
        }

        await Record("cat", 0, 10, t.AddMinutes(1));
        await Record("bee", 0, 10, t.AddMinutes(5));
        await Record("ant", 0, 10, t.AddMinutes(5));
        await Record("cat", 1, 0, t.AddMinutes(9)); // a later wrong answer does not move cat's time
        await Record("dog", 0, 0, t);

        var board = await db.Store.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "dog", 0, 10, t.AddHours(1));
        Assert.Equal(["cat", "ant", "bee", "dog"], board.Rows.Select(r => r.UserId));
        Assert.Equal([1, 2, 3, 4], board.Rows.Select(r => r.Rank));
        Assert.Equal(4, board.Caller?.Rank);
        Assert.Equal(4, board.TotalRanked);
    }

    [Fact]
    public async Task Accuracy_needs_ten_answers_in_the_period_and_the_caller_below_it_has_no_row()
    {
        var quizzes = db.Store.Quizzes;
        var t = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            var ann = new PlayerKey("g1", "ann");
            var bob = new PlayerKey("g1", "bob");
            await quizzes.RecordAnswerAsync(Answers.Make(ann, "sa", i, i % 2 == 0, t.AddMinutes(i)), Answers.Session(ann, "sa"));
            if (i < 9)
            {
                await quizzes.RecordAnswerAsync(Answers.Make(bob, "sb", i, true, t.AddMinutes(i)), Answers.Session(bob, "sb"));
            }
        }

        var byAccuracy = await db.Store.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Accuracy, "bob", 0, 10, t);
        Assert.Equal("ann", Assert.Single(byAccuracy.Rows).UserId);
        Assert.Equal(0.5, byAccuracy.Rows[0].Accuracy);
        Assert.Null(byAccuracy.Caller);
        Assert.Equal(1, byAccuracy.TotalRanked);

        var byPoints = await db.Store.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "bob", 0, 10, t);
        Assert.Equal(["bob", "ann"], byPoints.Rows.Select(r => r.UserId));
        Assert.Equal(1, byPoints.Caller?.Rank);
    }

    [Fact]
    public async Task Bad_leaderboard_requests_are_refused()
    {
        var stats = db.Store.Stats;
        var now = Nows[0];
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", -1, 10, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 0, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 101, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", (LeaderboardPeriod)7, LeaderboardMetric.Points, "u", 0, 10, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, (LeaderboardMetric)7, "u", 0, 10, now));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetLeaderboardAsync("", LeaderboardPeriod.All, LeaderboardMetric.Points, "u", 0, 10, now));
    }

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

    private IEnumerable<string> Users(string scope) =>
        stored.Where(a => a.Player.Scope == scope).Select(a => a.Player.UserId).Distinct().Order(StringComparer.Ordinal);

    private async Task FillAsync(int seed)
    {
        var random = new Random(seed);
        var pending = new List<AnswerRecord>();
        var sessionCounter = 0;
        foreach (var scope in Scopes)
        {
            for (var u = 0; u < 25; u++)
            {
                var player = new PlayerKey(scope, $"user{u:00}");

                // A few players answer rarely, so the 10-answer accuracy rule matters.
                var sessions = u % 6 == 0 ? 1 : random.Next(3, 11);
                for (var s = 0; s < sessions; s++)
                {
                    var sessionId = $"s{sessionCounter++}";
                    var sessionStart = From.AddSeconds(random.Next(82 * 24 * 3600));
                    var length = u % 6 == 0 ? random.Next(1, 6) : random.Next(5, 15);
                    for (var i = 0; i < length; i++)
                    {
                        var correct = random.NextDouble() < 0.3 + (u % 5 * 0.12);
                        var points = correct ? (random.Next(4) == 0 ? 5 : 10) : 0;
                        var topics = AllTopics.Where(_ => random.Next(3) == 0).DefaultIfEmpty("csto").ToArray();
                        pending.Add(new AnswerRecord(player, $"Player {u}", sessionId, i, $"q{random.Next(30)}", "f", topics, correct, points, QuizMode.Quiz,
                            sessionStart.AddSeconds(i * random.Next(5, 400))));
                    }
                }

                var playerCards = Enumerable.Range(0, random.Next(0, 8)).Select(c => new CardState(
                    $"card{c}", (CardPhase)random.Next(4), 0, 1, 5, From.AddHours(random.Next(90 * 24)), From, 1, 0)).ToList();
                cards[player] = playerCards;
                foreach (var card in playerCards)
                {
                    await db.Store.Study.SaveReviewAsync(player, card, new ReviewLogEntry(card.CardId, Rating.Good, From, 0, 1, CardPhase.New));
                }
            }
        }

        // Out of time order, so "who got there first" cannot lean on arrival order.
        pending = pending.OrderBy(_ => random.Next()).ToList();
        var half = pending.Count / 2;
        await RecordAsync(pending.Take(half));

        // g2's season starts mid-day, after half the answers are in: a recount, then the writer's own check.
        // g3 gets a season that is then cleared again.
        await SetSeasonAsync("g2", new DateTimeOffset(2025, 3, 12, 13, 30, 0, TimeSpan.Zero));
        await SetSeasonAsync("g3", new DateTimeOffset(2025, 2, 15, 0, 0, 0, TimeSpan.Zero));
        await RecordAsync(pending.Skip(half).Take(half / 2));
        await SetSeasonAsync("g3", null);
        await RecordAsync(pending.Skip(half + (half / 2)));

        // Retries change nothing.
        await RecordAsync(pending.Take(50), expectNew: false);
        Assert.True(stored.Count > 3000);

        using var connection = db.OpenRaw();
        ConcurrencyTests.AssertAggregatesMatchRecount(connection);
    }

    private async Task RecordAsync(IEnumerable<AnswerRecord> answers, bool expectNew = true)
    {
        foreach (var answer in answers)
        {
            var inserted = await db.Store.Quizzes.RecordAnswerAsync(answer, Answers.Session(answer.Player, answer.SessionId, count: 20));
            Assert.Equal(expectNew, inserted);
            if (inserted)
            {
                stored.Add(answer);
            }
        }
    }

    private async Task SetSeasonAsync(string scope, DateTimeOffset? start)
    {
        var settings = await db.Store.Guilds.GetSettingsAsync(scope);
        await db.Store.Guilds.SaveSettingsAsync(settings with { SeasonStartedAt = start });
        seasons[scope] = start;
    }

    private List<Expected> ExpectedBoard(string scope, LeaderboardPeriod period, LeaderboardMetric metric, DateTimeOffset now)
    {
        var day = now.UtcDateTime.Date;
        var (from, to) = period switch
        {
            LeaderboardPeriod.Week => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(-(((int)day.DayOfWeek + 6) % 7) + 7)),
            LeaderboardPeriod.Month => (new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)),
            _ => (DateTime.MinValue, DateTime.MaxValue),
        };
        var season = seasons.GetValueOrDefault(scope);
        var rows = stored
            .Where(a => a.Player.Scope == scope && a.AnsweredAt.UtcDateTime >= from && a.AnsweredAt.UtcDateTime < to)
            .Where(a => season is null || a.AnsweredAt >= season)
            .GroupBy(a => a.Player.UserId)
            .Select(g => new Expected(
                g.Key,
                g.Sum(a => a.Points),
                g.Count(),
                g.Count(a => a.Correct),
                g.Where(a => a.Points > 0).Select(a => a.AnsweredAt.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Max()))
            .Where(r => metric == LeaderboardMetric.Points || r.Answered >= 10);
        var ordered = metric == LeaderboardMetric.Points
            ? rows.OrderByDescending(r => r.Points)
            : rows.OrderByDescending(r => (double)r.Correct / r.Answered).ThenByDescending(r => r.Points);
        return ordered.ThenBy(r => r.ScoredAt).ThenBy(r => r.UserId, StringComparer.Ordinal).ToList();
    }

    private async Task AssertLeaderboardAsync(string scope, LeaderboardPeriod period, LeaderboardMetric metric, DateTimeOffset now)
    {
        var expected = ExpectedBoard(scope, period, metric, now);
        var context = $"{scope} {period} {metric} at {now:O}";
        var full = await db.Store.Stats.GetLeaderboardAsync(scope, period, metric, "nobody", 0, 100, now);
        Assert.True(expected.Count == full.TotalRanked, context);
        Assert.Null(full.Caller);
        Assert.Equal(
            expected.Select((e, i) => new LeaderboardRow(i + 1, e.UserId, $"Player {int.Parse(e.UserId[4..], System.Globalization.CultureInfo.InvariantCulture)}", e.Points, e.Answered, e.Correct)),
            full.Rows);

        var page = await db.Store.Stats.GetLeaderboardAsync(scope, period, metric, "nobody", 5, 7, now);
        Assert.Equal(full.Rows.Skip(5).Take(7), page.Rows);

        foreach (var user in Users(scope))
        {
            var board = await db.Store.Stats.GetLeaderboardAsync(scope, period, metric, user, 0, 3, now);
            var index = expected.FindIndex(e => e.UserId == user);
            if (index < 0)
            {
                Assert.True(board.Caller is null, $"{context}: {user} should be unranked");
            }
            else
            {
                Assert.Equal(full.Rows[index], board.Caller);
            }
        }
    }

    private async Task AssertStatsAsync(PlayerKey player, DateTimeOffset now)
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
        var rank = board.FindIndex(e => e.UserId == player.UserId);
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
            rank < 0 ? null : rank + 1,
            mine.Count,
            mine.Count(a => a.Correct),
            best,
            dayStreak,
            topics,
            myCards.Count(c => c.Phase == CardPhase.Review),
            myCards.Count(c => c.Due <= now),
            myCards.Count(c => c.Due < midnight));

        var actual = await db.Store.Stats.GetStatsAsync(player, now);
        Assert.Equal(expected.Topics, actual.Topics);
        Assert.Equal(expected, actual with { Topics = expected.Topics });

        // The end of a quiz reads the rank alone: it must be the rank /stats shows.
        Assert.Equal(expected.Rank, await db.Store.Stats.GetRankAsync(player, now));
    }

    private sealed record Expected(string UserId, int Points, int Answered, int Correct, long ScoredAt);
}
