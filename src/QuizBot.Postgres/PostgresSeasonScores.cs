using Dapper;
using Npgsql;

namespace QuizBot.Postgres;

/// <summary>
/// Recounts one scope's leaderboard rollups and rank buckets from its answers when the season start changes, so
/// that only answers at or after the new start count. Runs inside the settings transaction, holding the scope's
/// advisory lock exclusively, so no answer of the scope is written while it recounts.
/// </summary>
internal static class PostgresSeasonScores
{
    // Day numbers and month starts as the stores count them: whole UTC days since 1970-01-01.
    private const string RebuildSql = """
        SELECT pg_advisory_xact_lock(@Space, hashtext(@Scope));

        DELETE FROM score_periods WHERE scope = @Scope;
        DELETE FROM score_buckets WHERE scope = @Scope;

        WITH counted AS (
            SELECT user_id, points, correct, answered_at, answered_at / 86400000 AS day,
                   (date_trunc('month', to_timestamp(answered_at / 1000.0) AT TIME ZONE 'UTC')::date - DATE '1970-01-01')::bigint AS month_day
            FROM answers WHERE scope = @Scope AND answered_at >= @From)
        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        SELECT @Scope, p.kind, p.period_start, c.user_id,
               SUM(c.points), COUNT(*), SUM(c.correct), COALESCE(MAX(CASE WHEN c.points > 0 THEN c.answered_at END), 0)
        FROM counted AS c
        CROSS JOIN LATERAL (VALUES ('week', c.day - (c.day + 3) % 7), ('month', c.month_day), ('all', 0::bigint)) AS p (kind, period_start)
        GROUP BY p.kind, p.period_start, c.user_id;

        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
        SELECT @Scope, kind, period_start, 'points', points, COUNT(*)
        FROM score_periods WHERE scope = @Scope
        GROUP BY kind, period_start, points;

        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
        SELECT @Scope, kind, period_start, 'accuracy', correct::double precision / answered, COUNT(*)
        FROM score_periods WHERE scope = @Scope AND answered >= 10
        GROUP BY kind, period_start, correct::double precision / answered;
        """;

    public static Task RebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, DateTimeOffset? seasonStart, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            RebuildSql,
            new { Space = Sql.ScopeLockSpace, Scope = scope, From = seasonStart is { } start ? StoredTime.ToStored(start) : long.MinValue },
            transaction,
            cancellationToken: cancellationToken));
}
