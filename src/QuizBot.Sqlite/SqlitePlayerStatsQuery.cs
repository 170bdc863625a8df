using Dapper;
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

    public async Task<Leaderboard> GetLeaderboardAsync(
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

        var key = ScorePeriod.For(period, now);
        var sql = LeaderboardSql.For(metric);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);

        var page = await connection.QueryAsync<RankedRow>(new CommandDefinition(
            sql.Page,
            new { Scope = scope, key.Kind, key.Start, Offset = skip, Take = take },
            snapshot,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = page.Select((r, i) => r.ToRow(skip + i + 1)).ToList();

        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql.Count, new { Scope = scope, key.Kind, key.Start }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var caller = rows.Find(r => string.Equals(r.UserId, callerUserId, StringComparison.Ordinal))
            ?? await FindCallerAsync(connection, snapshot, sql, scope, key, callerUserId, cancellationToken).ConfigureAwait(false);

        return new Leaderboard(period, metric, rows, caller, (int)total);
    }

    public async Task<PlayerStats> GetStatsAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var parameters = new { player.Scope, player.UserId };

        var totals = await connection.QuerySingleOrDefaultAsync<TotalsRow>(new CommandDefinition(
            """
            SELECT points AS Points, answered AS Answered, correct AS Correct, best_streak AS BestStreak
            FROM player_totals WHERE scope = @Scope AND user_id = @UserId;
            """,
            parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? new TotalsRow(0, 0, 0, 0);

        var displayName = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT display_name FROM users WHERE scope = @Scope AND user_id = @UserId;",
            parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var rank = await FindCallerAsync(connection, snapshot, LeaderboardSql.Points, player.Scope, ScorePeriod.All, player.UserId, cancellationToken).ConfigureAwait(false);

        var topics = (await connection.QueryAsync<TopicAccuracyRow>(new CommandDefinition(
                "SELECT topic AS Topic, answered AS Answered, correct AS Correct FROM player_topics WHERE scope = @Scope AND user_id = @UserId;",
                parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(t => new TopicAccuracy(t.Topic, (int)t.Answered, (int)t.Correct))
            .OrderBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();

        var today = StoredTime.DayNumber(now);
        var days = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT day FROM score_days WHERE scope = @Scope AND user_id = @UserId AND day <= @Today ORDER BY day DESC;",
            new { player.Scope, player.UserId, Today = today }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var cards = await connection.QuerySingleAsync<CardCountsRow>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(phase = @Review), 0) AS Learned,
                   COALESCE(SUM(due <= @Now), 0) AS DueNow,
                   COALESCE(SUM(due < @NextMidnight), 0) AS DueToday
            FROM card_states WHERE scope = @Scope AND user_id = @UserId;
            """,
            new
            {
                player.Scope,
                player.UserId,
                Review = (int)CardPhase.Review,
                Now = StoredTime.ToStored(now),
                NextMidnight = StoredTime.NextMidnight(now),
            },
            snapshot,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        return new PlayerStats(
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
            (int)cards.DueToday);
    }

    /// <summary>The season rank alone: the player's own row and the players ahead, in one snapshot.</summary>
    public async Task<int?> GetRankAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var own = await FindCallerAsync(connection, snapshot, LeaderboardSql.Points, player.Scope, ScorePeriod.All, player.UserId, cancellationToken).ConfigureAwait(false);
        return own?.Rank;
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

    private static async Task<LeaderboardRow?> FindCallerAsync(
        SqliteConnection connection,
        SqliteTransaction snapshot,
        LeaderboardSql sql,
        string scope,
        ScorePeriod key,
        string userId,
        CancellationToken cancellationToken)
    {
        var own = await connection.QuerySingleOrDefaultAsync<PeriodRow>(new CommandDefinition(
            """
            SELECT user_id AS UserId,
                   COALESCE((SELECT u.display_name FROM users AS u WHERE u.scope = @Scope AND u.user_id = @UserId), user_id) AS DisplayName,
                   points AS Points, answered AS Answered, correct AS Correct, scored_at AS ScoredAt
            FROM score_periods WHERE scope = @Scope AND kind = @Kind AND period_start = @Start AND user_id = @UserId;
            """,
            new { Scope = scope, key.Kind, key.Start, UserId = userId },
            snapshot,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (own is null || own.Answered < sql.MinimumAnswers)
        {
            return null;
        }

        var ahead = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql.RankAhead,
            new
            {
                Scope = scope,
                key.Kind,
                key.Start,
                UserId = userId,
                Value = sql.ValueOf(own.Points, own.Answered, own.Correct),
                own.Points,
                own.ScoredAt,
            },
            snapshot,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return own.ToRow((int)ahead + 1);
    }

    // Settable properties, not a constructor: for computed columns SQLite reports no type on an empty result,
    // and Dapper's constructor matching would then fail.
    private class RankedRow
    {
        public string UserId { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public long Points { get; init; }

        public long Answered { get; init; }

        public long Correct { get; init; }

        public LeaderboardRow ToRow(int rank) => new(rank, UserId, DisplayName, (int)Points, (int)Answered, (int)Correct);
    }

    private sealed class PeriodRow : RankedRow
    {
        public long ScoredAt { get; init; }
    }

    private sealed record TotalsRow(long Points, long Answered, long Correct, long BestStreak);

    private sealed record TopicAccuracyRow(string Topic, long Answered, long Correct);

    private sealed record CardCountsRow(long Learned, long DueNow, long DueToday);
}
