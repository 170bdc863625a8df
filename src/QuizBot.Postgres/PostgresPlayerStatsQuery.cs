using System.Data;
using Dapper;
using Npgsql;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Postgres;

/// <summary>
/// Leaderboards and player stats, read from the rollups the answer transaction keeps. Each call reads one
/// snapshot (a repeatable-read, read-only transaction), so a page, its total and the caller's rank agree.
/// The periods, season and streak rules are the SQLite store's (see <see cref="IPlayerStatsQuery"/>).
/// </summary>
public sealed class PostgresPlayerStatsQuery : IPlayerStatsQuery
{
    public const int MaxPageSize = 100;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly PostgresDatabase database;

    internal PostgresPlayerStatsQuery(PostgresDatabase database) => this.database = database;

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

        var key = ScorePeriod.For(period, now);
        var sql = PostgresLeaderboardSql.For(metric);
        return database.InTransactionAsync(
            async (connection, snapshot) =>
            {
                var page = await connection.QueryAsync<RankedRow>(new CommandDefinition(
                    sql.Page, new { Scope = scope, key.Kind, key.Start, Offset = skip, Take = take }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var rows = page.Select((r, i) => r.ToRow(skip + i + 1)).ToList();
                var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    sql.Count, new { Scope = scope, key.Kind, key.Start }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var caller = rows.Find(r => string.Equals(r.UserId, callerUserId, StringComparison.Ordinal))
                    ?? await FindCallerAsync(connection, snapshot, sql, scope, key, callerUserId, cancellationToken).ConfigureAwait(false);
                return new Leaderboard(period, metric, rows, caller, (int)total);
            },
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    public Task<PlayerStats> GetStatsAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        return database.InTransactionAsync(
            async (connection, snapshot) =>
            {
                var parameters = new { player.Scope, player.UserId };
                var totals = await connection.QuerySingleOrDefaultAsync<TotalsRow>(new CommandDefinition(
                    """
                    SELECT points AS Points, answered AS Answered, correct AS Correct, best_streak AS BestStreak
                    FROM player_totals WHERE scope = @Scope AND user_id = @UserId;
                    """,
                    parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? new TotalsRow(0, 0, 0, 0);
                var displayName = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT display_name FROM users WHERE scope = @Scope AND user_id = @UserId;", parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var rank = await FindCallerAsync(connection, snapshot, PostgresLeaderboardSql.Points, player.Scope, ScorePeriod.All, player.UserId, cancellationToken).ConfigureAwait(false);
                var topics = (await connection.QueryAsync<TopicAccuracy>(new CommandDefinition(
                        """
                        SELECT topic AS Topic, answered AS Answered, correct AS Correct FROM player_topics
                        WHERE scope = @Scope AND user_id = @UserId ORDER BY topic COLLATE "C";
                        """,
                        parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false))
                    .ToList();
                var today = StoredTime.DayNumber(now);
                var days = await connection.QueryAsync<long>(new CommandDefinition(
                    "SELECT day FROM score_days WHERE scope = @Scope AND user_id = @UserId AND day <= @Today ORDER BY day DESC;",
                    new { player.Scope, player.UserId, Today = today }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var cards = await connection.QuerySingleAsync<CardCountsRow>(new CommandDefinition(
                    """
                    SELECT COUNT(*) FILTER (WHERE phase = @Review) AS Learned,
                           COUNT(*) FILTER (WHERE due <= @Now) AS DueNow,
                           COUNT(*) FILTER (WHERE due < @NextMidnight) AS DueToday
                    FROM card_states WHERE scope = @Scope AND user_id = @UserId;
                    """,
                    new { player.Scope, player.UserId, Review = (int)CardPhase.Review, Now = StoredTime.ToStored(now), NextMidnight = StoredTime.NextMidnight(now) },
                    snapshot,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return new PlayerStats(
                    player,
                    displayName ?? player.UserId,
                    totals.Points,
                    rank?.Rank,
                    totals.Answered,
                    totals.Correct,
                    totals.BestStreak,
                    Core.Scoring.DayStreak.Count(days.Select(day => DateOnly.FromDayNumber(EpochDayNumber + (int)day)), DateOnly.FromDayNumber(EpochDayNumber + (int)today)),
                    topics,
                    (int)cards.Learned,
                    (int)cards.DueNow,
                    (int)cards.DueToday);
            },
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    /// <summary>The season rank alone: the player's own row and the players ahead, in one snapshot.</summary>
    public Task<int?> GetRankAsync(PlayerKey player, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        return database.InTransactionAsync(
            async (connection, snapshot) =>
                (await FindCallerAsync(connection, snapshot, PostgresLeaderboardSql.Points, player.Scope, ScorePeriod.All, player.UserId, cancellationToken).ConfigureAwait(false))?.Rank,
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    private static async Task<LeaderboardRow?> FindCallerAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction snapshot,
        PostgresLeaderboardSql sql,
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
            new { Scope = scope, key.Kind, key.Start, UserId = userId, Value = sql.ValueOf(own.Points, own.Answered, own.Correct), own.Points, own.ScoredAt },
            snapshot,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return own.ToRow((int)ahead + 1);
    }

    private class RankedRow
    {
        public string UserId { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public int Points { get; init; }

        public int Answered { get; init; }

        public int Correct { get; init; }

        public LeaderboardRow ToRow(int rank) => new(rank, UserId, DisplayName, Points, Answered, Correct);
    }

    private sealed class PeriodRow : RankedRow
    {
        public long ScoredAt { get; init; }
    }

    private sealed record TotalsRow(int Points, int Answered, int Correct, int BestStreak);

    private sealed record CardCountsRow(long Learned, long DueNow, long DueToday);
}
