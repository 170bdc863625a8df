using Npgsql;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres;

/// <summary>
/// Stores an answer inside the caller's transaction: the answer row first, and only when it is new, the display
/// name, the lifetime totals, the day and topic rollups, the leaderboard periods it counts towards and the rank
/// buckets, in three round trips.
/// </summary>
/// <remarks>
/// Concurrency, with many instances writing at once: the (session, question index) key lets one of two identical
/// answers in; the per-player rows are locked by their own player's transactions only; the rank buckets, which
/// players share, are locked in one global order (kind, period, metric, value), so two answers never deadlock on
/// them; and a shared advisory lock on the scope keeps answers out while a season reset recounts it.
/// </remarks>
internal static class PostgresAnswerWriter
{
    private const string LockScopeSql = "SELECT pg_advisory_xact_lock_shared($1, hashtext($2));";

    private const string InsertAnswerSql = """
        INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (session_id, question_index) DO NOTHING
        RETURNING id;
        """;

    private const string SeasonStartSql = "SELECT season_started_at FROM guild_settings WHERE scope = $1;";

    // A late delivery must not put back an older display name.
    private const string UpsertUserSql = """
        INSERT INTO users AS u (scope, user_id, display_name, updated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (scope, user_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= u.updated_at;
        """;

    private const string UpsertTotalsSql = """
        INSERT INTO player_totals AS t (scope, user_id, points, answered, correct, streak, best_streak)
        VALUES ($1, $2, $3, 1, $4, $4, $4)
        ON CONFLICT (scope, user_id) DO UPDATE SET
            points = t.points + excluded.points,
            answered = t.answered + 1,
            correct = t.correct + excluded.correct,
            streak = CASE WHEN excluded.correct = 1 THEN t.streak + 1 ELSE 0 END,
            best_streak = GREATEST(t.best_streak, CASE WHEN excluded.correct = 1 THEN t.streak + 1 ELSE 0 END);
        """;

    private const string UpsertDaySql = """
        INSERT INTO score_days AS d (scope, user_id, day, points, answered, correct) VALUES ($1, $2, $3, $4, 1, $5)
        ON CONFLICT (scope, user_id, day) DO UPDATE SET
            points = d.points + excluded.points, answered = d.answered + 1, correct = d.correct + excluded.correct;
        """;

    private const string UpsertTopicSql = """
        INSERT INTO player_topics AS p (scope, user_id, topic, answered, correct) VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (scope, user_id, topic) DO UPDATE SET answered = p.answered + 1, correct = p.correct + excluded.correct;
        """;

    private const string UpsertPeriodSql = """
        INSERT INTO score_periods AS p (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        VALUES ($1, $2, $3, $4, $5, 1, $6, CASE WHEN $5 > 0 THEN $7 ELSE 0 END)
        ON CONFLICT (scope, kind, period_start, user_id) DO UPDATE SET
            points = p.points + excluded.points,
            answered = p.answered + 1,
            correct = p.correct + excluded.correct,
            scored_at = GREATEST(p.scored_at, excluded.scored_at)
        RETURNING points, answered, correct;
        """;

    private const string JoinBucketSql = """
        INSERT INTO score_buckets AS b (scope, kind, period_start, metric, value, players) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (scope, kind, period_start, metric, value) DO UPDATE SET players = b.players + excluded.players;
        """;

    private const string LeaveBucketSql = """
        UPDATE score_buckets SET players = players - $6
        WHERE scope = $1 AND kind = $2 AND period_start = $3 AND metric = $4 AND value = $5;
        """;

    // The last player leaving a bucket deletes it, so the buckets stay as few as the values in use.
    private const string DropEmptyBucketSql = """
        DELETE FROM score_buckets
        WHERE scope = $1 AND kind = $2 AND period_start = $3 AND metric = $4 AND value = $5 AND players = 0;
        """;

    /// <summary>Stores the answer; returns false, writing nothing, when its (session, question index) is already stored.</summary>
    public static async Task<bool> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AnswerRecord answer, CancellationToken cancellationToken)
    {
        StoreInput.Answer(answer);
        var scope = answer.Player.Scope;
        var user = answer.Player.UserId;
        var at = StoredTime.ToStored(answer.AnsweredAt);
        var correct = answer.Correct ? 1 : 0;
        var topics = answer.Topics.Distinct(StringComparer.Ordinal).ToArray();

        long? seasonStart;
        await using (var first = Sql.Batch(connection, transaction,
        [
            Sql.Command(LockScopeSql, Sql.ScopeLockSpace, scope),
            Sql.Command(InsertAnswerSql, scope, user, answer.SessionId, answer.QuestionIndex, answer.QuestionId, answer.FactId, topics, correct, answer.Points, answer.Mode.ToString(), at),
            Sql.Command(SeasonStartSql, scope),
        ]))
        await using (var reader = await first.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            seasonStart = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
        }

        var periods = seasonStart is { } season && at < season
            ? []
            : new[] { ScorePeriod.WeekOf(answer.AnsweredAt), ScorePeriod.MonthOf(answer.AnsweredAt), ScorePeriod.All };
        // The period upserts go first: their RETURNING rows are then the batch's first result sets.
        var rollups = periods.Select(period => Sql.Command(UpsertPeriodSql, scope, period.Kind, period.Start, user, answer.Points, correct, at)).ToList();
        rollups.Add(Sql.Command(UpsertUserSql, scope, user, string.IsNullOrWhiteSpace(answer.DisplayName) ? user : answer.DisplayName, at));
        rollups.Add(Sql.Command(UpsertTotalsSql, scope, user, answer.Points, correct));
        rollups.Add(Sql.Command(UpsertDaySql, scope, user, StoredTime.DayNumber(answer.AnsweredAt), answer.Points, correct));
        rollups.AddRange(topics.Select(topic => Sql.Command(UpsertTopicSql, scope, user, topic, correct)));

        var moves = new BucketMoves();
        await using (var second = Sql.Batch(connection, transaction, rollups))
        await using (var reader = await second.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var period in periods)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                moves.Add(period, newPoints: reader.GetInt32(0), newAnswered: reader.GetInt32(1), newCorrect: reader.GetInt32(2), answer.Points, correct);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var bucketCommands = moves.InLockOrder()
            .SelectMany(move => move.Players > 0
                ? [Sql.Command(JoinBucketSql, scope, move.Kind, move.Start, move.Metric, move.Value, move.Players)]
                : new[]
                {
                    Sql.Command(LeaveBucketSql, scope, move.Kind, move.Start, move.Metric, move.Value, -move.Players),
                    Sql.Command(DropEmptyBucketSql, scope, move.Kind, move.Start, move.Metric, move.Value),
                })
            .ToList();
        if (bucketCommands.Count > 0)
        {
            await using var third = Sql.Batch(connection, transaction, bucketCommands);
            await third.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>How many players join (+) or leave (-) each rank bucket; moves that cancel out are dropped.</summary>
    private sealed class BucketMoves
    {
        private readonly Dictionary<(string Kind, long Start, string Metric, double Value), int> players = [];

        public void Add(ScorePeriod period, int newPoints, int newAnswered, int newCorrect, int points, int correct)
        {
            var (oldPoints, oldAnswered, oldCorrect) = (newPoints - points, newAnswered - 1, newCorrect - correct);
            if (oldAnswered > 0)
            {
                Move(period, PostgresLeaderboardSql.PointsBucket, oldPoints, -1);
            }

            Move(period, PostgresLeaderboardSql.PointsBucket, newPoints, +1);
            if (oldAnswered >= PostgresLeaderboardSql.MinimumAnswersForAccuracy)
            {
                Move(period, PostgresLeaderboardSql.AccuracyBucket, (double)oldCorrect / oldAnswered, -1);
            }

            if (newAnswered >= PostgresLeaderboardSql.MinimumAnswersForAccuracy)
            {
                Move(period, PostgresLeaderboardSql.AccuracyBucket, (double)newCorrect / newAnswered, +1);
            }
        }

        public IEnumerable<(string Kind, long Start, string Metric, double Value, int Players)> InLockOrder() =>
            players.Where(p => p.Value != 0)
                .Select(p => (p.Key.Kind, p.Key.Start, p.Key.Metric, p.Key.Value, Players: p.Value))
                .OrderBy(p => p.Kind, StringComparer.Ordinal)
                .ThenBy(p => p.Start)
                .ThenBy(p => p.Metric, StringComparer.Ordinal)
                .ThenBy(p => p.Value);

        private void Move(ScorePeriod period, string metric, double value, int delta)
        {
            var key = (period.Kind, period.Start, metric, value);
            players[key] = players.GetValueOrDefault(key) + delta;
        }
    }
}
