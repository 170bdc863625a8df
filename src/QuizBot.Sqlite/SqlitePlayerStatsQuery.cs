using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite;

/// <summary>
/// Leaderboards and player stats, read from the rollups the answer transaction keeps. Each call reads one
/// snapshot (a read transaction), so a page, its total and the caller's rank agree with each other.
/// </summary>
/// <remarks>
/// Periods are the UTC week (from Monday 00:00) or month (from the 1st) that contains <c>now</c>, or the whole
/// season; answers before the scope's season start never count on a leaderboard. Stats are lifetime:
/// points, answered, accuracy, best streak and topics count every answer in the scope; the rank is the
/// player's place on the season ("all") leaderboard by points. The day streak counts consecutive UTC days
/// with an answer, ending today or yesterday. A card is learned when it is in the Review phase; due now means
/// due at or before <c>now</c>; due today means due before the next UTC midnight (so it includes due now).
/// </remarks>
public sealed class SqlitePlayerStatsQuery : IPlayerStatsQuery
{
    public const int MaxPageSize = 100;

    private readonly SqliteDatabase database;

    internal SqlitePlayerStatsQuery(SqliteDatabase database) => this.database = database;

    public Task<Leaderboard> GetLeaderboardAsync(
        string scope,
        LeaderboardPeriod period,
        LeaderboardMetric metric,
        string callerUserId,
        int skip,
        int take,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        StoreInput.Id(callerUserId, nameof(callerUserId));
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (take is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(take), take, $"Page size must be between 1 and {MaxPageSize}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var key = ScorePeriod.For(period, now);
        var board = LeaderboardSql.For(metric);
        using var read = database.Read();
        read.BeginSnapshot();

        var page = read.Rows(board.PageStatement, RankedRow.Read, scope, key.Kind, key.Start, take, skip);
        var rows = page.Select((r, i) => r.ToRow(skip + i + 1)).ToList();
        var total = (long)read.Scalar(board.CountStatement, scope, key.Kind, key.Start)!;
        var caller = rows.Find(r => string.Equals(r.UserId, callerUserId, StringComparison.Ordinal))
            ?? FindCaller(read, board, scope, key, callerUserId);

        return Task.FromResult(new Leaderboard(period, metric, rows, caller, (int)total));
    }

    public Task<PlayerStats> GetStatsAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        read.BeginSnapshot();
        var (scope, user) = (player.Scope, player.UserId);

        var totals = read.FirstRow(Totals, static r => new TotalsRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), scope, user)
            ?? new TotalsRow(0, 0, 0, 0);
        var displayName = (string?)read.Scalar(DisplayName, scope, user);
        var rank = FindCaller(read, LeaderboardSql.Points, scope, ScorePeriod.All, user);
        var topics = read.Rows(Topics, static r => new TopicAccuracy(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), scope, user);
        topics.Sort((a, b) => string.CompareOrdinal(a.Topic, b.Topic));

        var today = StoredTime.DayNumber(now);
        var days = read.Rows(Days, static r => r.GetInt64(0), scope, user, today);
        var cards = read.FirstRow(
            Cards,
            static r => new CardCountsRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)),
            (int)CardPhase.Review,
            StoredTime.ToStored(now),
            StoredTime.NextMidnight(now),
            scope,
            user)!;

        return Task.FromResult(new PlayerStats(
            player,
            displayName ?? player.UserId,
            (int)totals.Points,
            rank?.Rank,
            (int)totals.Answered,
            (int)totals.Correct,
            (int)totals.BestStreak,
            DayStreak(days, today),
            topics,
            (int)cards.Learned,
            (int)cards.DueNow,
            (int)cards.DueToday));
    }

    /// <summary>The season rank alone: the player's own row and the players ahead, in one snapshot.</summary>
    public Task<int?> GetRankAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        read.BeginSnapshot();
        return Task.FromResult(FindCaller(read, LeaderboardSql.Points, player.Scope, ScorePeriod.All, player.UserId)?.Rank);
    }

    /// <summary>Consecutive days with an answer, counting back from today, or from yesterday if today has none yet.</summary>
    internal static int DayStreak(IEnumerable<long> daysNewestFirst, long today)
    {
        var streak = 0;
        long? expected = null;
        foreach (var day in daysNewestFirst)
        {
            if (expected is null)
            {
                if (day < today - 1)
                {
                    return 0;
                }

                expected = day;
            }

            if (day != expected)
            {
                break;
            }

            streak++;
            expected = day - 1;
        }

        return streak;
    }

    private static LeaderboardRow? FindCaller(SqliteRead read, LeaderboardSql board, string scope, ScorePeriod key, string userId)
    {
        var own = read.FirstRow(OwnPeriodRow, PeriodRow.Read, scope, key.Kind, key.Start, userId);
        if (own is null || own.Answered < board.MinimumAnswers)
        {
            return null;
        }

        var value = board.ValueOf(own.Points, own.Answered, own.Correct);
        var ahead = board == LeaderboardSql.Points
            ? read.Scalar(board.RankAheadStatement, scope, key.Kind, key.Start, value, own.ScoredAt, userId)
            : read.Scalar(board.RankAheadStatement, scope, key.Kind, key.Start, value, own.Points, own.ScoredAt, userId);
        return own.ToRow((int)(long)ahead! + 1);
    }

    private static readonly SqlStatement OwnPeriodRow = new(
        """
        SELECT user_id,
               COALESCE((SELECT u.display_name FROM users AS u WHERE u.scope = @Scope AND u.user_id = @UserId), user_id),
               points, answered, correct, scored_at
        FROM score_periods WHERE scope = @Scope AND kind = @Kind AND period_start = @Start AND user_id = @UserId;
        """,
        "@Scope", "@Kind", "@Start", "@UserId");

    private static readonly SqlStatement Totals = new(
        "SELECT points, answered, correct, best_streak FROM player_totals WHERE scope = @Scope AND user_id = @UserId;", "@Scope", "@UserId");

    private static readonly SqlStatement DisplayName = new(
        "SELECT display_name FROM users WHERE scope = @Scope AND user_id = @UserId;", "@Scope", "@UserId");

    private static readonly SqlStatement Topics = new(
        "SELECT topic, answered, correct FROM player_topics WHERE scope = @Scope AND user_id = @UserId;", "@Scope", "@UserId");

    private static readonly SqlStatement Days = new(
        "SELECT day FROM score_days WHERE scope = @Scope AND user_id = @UserId AND day <= @Today ORDER BY day DESC;", "@Scope", "@UserId", "@Today");

    private static readonly SqlStatement Cards = new(
        """
        SELECT COALESCE(SUM(phase = @Review), 0), COALESCE(SUM(due <= @Now), 0), COALESCE(SUM(due < @NextMidnight), 0)
        FROM card_states WHERE scope = @Scope AND user_id = @UserId;
        """,
        "@Review", "@Now", "@NextMidnight", "@Scope", "@UserId");

    private class RankedRow
    {
        public string UserId { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public long Points { get; init; }

        public long Answered { get; init; }

        public long Correct { get; init; }

        public static RankedRow Read(SqliteDataReader reader) => new()
        {
            UserId = reader.GetString(0),
            DisplayName = reader.GetString(1),
            Points = reader.GetInt64(2),
            Answered = reader.GetInt64(3),
            Correct = reader.GetInt64(4),
        };

        public LeaderboardRow ToRow(int rank) => new(rank, UserId, DisplayName, (int)Points, (int)Answered, (int)Correct);
    }

    private sealed class PeriodRow : RankedRow
    {
        public long ScoredAt { get; init; }

        public static new PeriodRow Read(SqliteDataReader reader) => new()
        {
            UserId = reader.GetString(0),
            DisplayName = reader.GetString(1),
            Points = reader.GetInt64(2),
            Answered = reader.GetInt64(3),
            Correct = reader.GetInt64(4),
            ScoredAt = reader.GetInt64(5),
        };
    }

    private sealed record TotalsRow(long Points, long Answered, long Correct, long BestStreak);

    private sealed record CardCountsRow(long Learned, long DueNow, long DueToday);
}
