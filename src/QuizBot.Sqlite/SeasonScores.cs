using Dapper;
using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Recounts one scope's leaderboard rollups and rank buckets from its answers when the season start changes, so that only answers
/// at or after the new start count. Runs inside the settings transaction; its cost grows with the scope's answers
/// (about a second per million), which is fine for an admin action.
/// </summary>
internal static class SeasonScores
{
    private const string RebuildSql = """
        DELETE FROM score_periods WHERE scope = @Scope;

        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        SELECT @Scope, 'week', c.day - (c.day + 3) % 7, c.user_id,
               SUM(c.points), COUNT(*), SUM(c.correct), COALESCE(MAX(CASE WHEN c.points > 0 THEN c.answered_at END), 0)
        FROM (SELECT user_id, points, correct, answered_at, answered_at / 86400000 AS day
              FROM answers WHERE scope = @Scope AND answered_at >= @From) AS c
        GROUP BY c.day - (c.day + 3) % 7, c.user_id;

        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        SELECT @Scope, 'month', c.month_day, c.user_id,
               SUM(c.points), COUNT(*), SUM(c.correct), COALESCE(MAX(CASE WHEN c.points > 0 THEN c.answered_at END), 0)
        FROM (SELECT user_id, points, correct, answered_at,
                     CAST(julianday(date(answered_at / 1000, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER) AS month_day
              FROM answers WHERE scope = @Scope AND answered_at >= @From) AS c
        GROUP BY c.month_day, c.user_id;

        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        SELECT @Scope, 'all', 0, user_id,
               SUM(points), COUNT(*), SUM(correct), COALESCE(MAX(CASE WHEN points > 0 THEN answered_at END), 0)
        FROM answers WHERE scope = @Scope AND answered_at >= @From
        GROUP BY user_id;

        DELETE FROM score_buckets WHERE scope = @Scope;

        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
        SELECT scope, kind, period_start, 'points', points, COUNT(*)
        FROM score_periods WHERE scope = @Scope
        GROUP BY kind, period_start, points;

        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
        SELECT scope, kind, period_start, 'accuracy', CAST(correct AS REAL) / answered, COUNT(*)
        FROM score_periods WHERE scope = @Scope AND answered >= 10
        GROUP BY kind, period_start, CAST(correct AS REAL) / answered;
        """;

    public static Task RebuildAsync(SqliteConnection connection, SqliteTransaction transaction, string scope, DateTimeOffset? seasonStart, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            RebuildSql,
            new { Scope = scope, From = seasonStart is { } start ? StoredTime.ToStored(start) : long.MinValue },
            transaction,
            cancellationToken: cancellationToken));
}
