using System.Text.Json;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite;

/// <summary>
/// Stores answers inside the caller's write transaction: the answer row first, and only when it is new, the
/// display name, the lifetime totals, the day and topic rollups and the leaderboard periods it counts towards.
/// Its commands come compiled from the connection's <see cref="PreparedCommands"/>, so an answer compiles no SQL and
/// a bulk import can push many answers through one writer.
/// </summary>
internal sealed class AnswerWriter : IDisposable
{
    private const string InsertAnswerSql = """
        INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
        VALUES ($scope, $user, $session, $index, $question, $fact, $topics, $correct, $points, $mode, $at)
        ON CONFLICT (session_id, question_index) DO NOTHING;
        """;

    // A late delivery must not put back an older display name.
    private const string UpsertUserSql = """
        INSERT INTO users (scope, user_id, display_name, updated_at) VALUES ($scope, $user, $name, $at)
        ON CONFLICT (scope, user_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= users.updated_at;
        """;

    private const string UpsertTotalsSql = """
        INSERT INTO player_totals (scope, user_id, points, answered, correct, streak, best_streak)
        VALUES ($scope, $user, $points, 1, $correct, $correct, $correct)
        ON CONFLICT (scope, user_id) DO UPDATE SET
            points = points + excluded.points,
            answered = answered + 1,
            correct = correct + excluded.correct,
            streak = CASE WHEN excluded.correct = 1 THEN streak + 1 ELSE 0 END,
            best_streak = MAX(best_streak, CASE WHEN excluded.correct = 1 THEN streak + 1 ELSE 0 END);
        """;

    private const string UpsertDaySql = """
        INSERT INTO score_days (scope, user_id, day, points, answered, correct) VALUES ($scope, $user, $day, $points, 1, $correct)
        ON CONFLICT (scope, user_id, day) DO UPDATE SET
            points = points + excluded.points, answered = answered + 1, correct = correct + excluded.correct;
        """;

    private const string UpsertTopicSql = """
        INSERT INTO player_topics (scope, user_id, topic, answered, correct) VALUES ($scope, $user, $topic, 1, $correct)
        ON CONFLICT (scope, user_id, topic) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
        """;

    private const string UpsertPeriodSql = """
        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        VALUES ($scope, $kind, $start, $user, $points, 1, $correct, CASE WHEN $points > 0 THEN $at ELSE 0 END)
        ON CONFLICT (scope, kind, period_start, user_id) DO UPDATE SET
            points = points + excluded.points,
            answered = answered + 1,
            correct = correct + excluded.correct,
            scored_at = MAX(scored_at, excluded.scored_at)
        RETURNING points, answered, correct;
        """;

    private const string AddToBucketSql = """
        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players) VALUES ($scope, $kind, $start, $metric, $value, 1)
        ON CONFLICT (scope, kind, period_start, metric, value) DO UPDATE SET players = players + 1;
        """;

    // Leaving a bucket: one statement while others share the value; when no other player does, the bucket is
    // deleted instead, so the buckets stay as few as the values in use.
    private const string LeaveBucketSql = """
        UPDATE score_buckets SET players = players - 1
        WHERE scope = $scope AND kind = $kind AND period_start = $start AND metric = $metric AND value = $value AND players > 1;
        """;

    private const string LeaveLastBucketSql = """
        DELETE FROM score_buckets
        WHERE scope = $scope AND kind = $kind AND period_start = $start AND metric = $metric AND value = $value AND players = 1;
        """;

    private const string SeasonStartSql = "SELECT season_started_at FROM guild_settings WHERE scope = $scope;";

    private readonly SqliteCommand insertAnswer;
    private readonly SqliteCommand upsertUser;
    private readonly SqliteCommand upsertTotals;
    private readonly SqliteCommand upsertDay;
    private readonly SqliteCommand upsertTopic;
    private readonly SqliteCommand upsertPeriod;
    private readonly SqliteCommand addToBucket;
    private readonly SqliteCommand leaveBucket;
    private readonly SqliteCommand leaveLastBucket;
    private readonly SqliteCommand seasonStart;
    private readonly PreparedCommands? ownedCommands;

    // Settings cannot change while this transaction holds the write lock, so one look-up per scope is enough.
    private readonly Dictionary<string, long?> seasonStarts = new(StringComparer.Ordinal);

    /// <summary>A writer with its own compiled commands, disposed with it (a bulk import on a connection of its own).</summary>
    public AnswerWriter(SqliteConnection connection, SqliteTransaction transaction)
        : this(new PreparedCommands(connection), transaction)
    {
        ownedCommands = Commands;
    }

    /// <summary>A writer over commands the connection keeps (the store's writer connection).</summary>
    public AnswerWriter(PreparedCommands commands, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(commands);
        Commands = commands;
        insertAnswer = commands.Get(transaction, InsertAnswerSql, "$scope", "$user", "$session", "$index", "$question", "$fact", "$topics", "$correct", "$points", "$mode", "$at");
        upsertUser = commands.Get(transaction, UpsertUserSql, "$scope", "$user", "$name", "$at");
        upsertTotals = commands.Get(transaction, UpsertTotalsSql, "$scope", "$user", "$points", "$correct");
        upsertDay = commands.Get(transaction, UpsertDaySql, "$scope", "$user", "$day", "$points", "$correct");
        upsertTopic = commands.Get(transaction, UpsertTopicSql, "$scope", "$user", "$topic", "$correct");
        upsertPeriod = commands.Get(transaction, UpsertPeriodSql, "$scope", "$kind", "$start", "$user", "$points", "$correct", "$at");
        addToBucket = commands.Get(transaction, AddToBucketSql, "$scope", "$kind", "$start", "$metric", "$value");
        leaveBucket = commands.Get(transaction, LeaveBucketSql, "$scope", "$kind", "$start", "$metric", "$value");
        leaveLastBucket = commands.Get(transaction, LeaveLastBucketSql, "$scope", "$kind", "$start", "$metric", "$value");
        seasonStart = commands.Get(transaction, SeasonStartSql, "$scope");
    }

    private PreparedCommands Commands { get; }

    /// <summary>Stores the answer; returns false, writing nothing, when its (session, question index) is already stored.</summary>
    public bool Write(AnswerRecord answer)
    {
        StoreInput.Answer(answer);
        var scope = answer.Player.Scope;
        var user = answer.Player.UserId;
        var at = StoredTime.ToStored(answer.AnsweredAt);
        var correct = answer.Correct ? 1L : 0L;
        var topics = answer.Topics.Distinct(StringComparer.Ordinal).ToArray();

        if (Run(insertAnswer, scope, user, answer.SessionId, answer.QuestionIndex, answer.QuestionId, answer.FactId,
                JsonSerializer.Serialize(topics), correct, answer.Points, answer.Mode.ToString(), at) == 0)
        {
            return false;
        }

        Run(upsertUser, scope, user, string.IsNullOrWhiteSpace(answer.DisplayName) ? user : answer.DisplayName, at);
        Run(upsertTotals, scope, user, answer.Points, correct);
        Run(upsertDay, scope, user, StoredTime.DayNumber(answer.AnsweredAt), answer.Points, correct);
        foreach (var topic in topics)
        {
            Run(upsertTopic, scope, user, topic, correct);
        }

        if (SeasonStart(scope) is not { } season || at >= season)
        {
            foreach (var period in new[] { ScorePeriod.WeekOf(answer.AnsweredAt), ScorePeriod.MonthOf(answer.AnsweredAt), ScorePeriod.All })
            {
                AddToPeriod(scope, period, user, answer.Points, correct, at);
            }
        }

        return true;
    }

    /// <summary>Adds the answer to the player's row for the period and moves the player between rank buckets.</summary>
    private void AddToPeriod(string scope, ScorePeriod period, string user, int points, long correct, long at)
    {
        long newPoints, newAnswered, newCorrect;
        SetParameters(upsertPeriod, scope, period.Kind, period.Start, user, points, correct, at);
        using (var reader = upsertPeriod.ExecuteReader())
        {
            reader.Read();
            (newPoints, newAnswered, newCorrect) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var (oldPoints, oldAnswered, oldCorrect) = (newPoints - points, newAnswered - 1, newCorrect - correct);
        if (oldAnswered == 0 || oldPoints != newPoints)
        {
            if (oldAnswered > 0)
            {
                LeaveBucket(scope, period, LeaderboardSql.PointsBucket, oldPoints);
            }

            Run(addToBucket, scope, period.Kind, period.Start, LeaderboardSql.PointsBucket, (double)newPoints);
        }

        if (oldAnswered >= LeaderboardSql.MinimumAnswersForAccuracy)
        {
            LeaveBucket(scope, period, LeaderboardSql.AccuracyBucket, (double)oldCorrect / oldAnswered);
        }

        if (newAnswered >= LeaderboardSql.MinimumAnswersForAccuracy)
        {
            Run(addToBucket, scope, period.Kind, period.Start, LeaderboardSql.AccuracyBucket, (double)newCorrect / newAnswered);
        }
    }

    /// <summary>
    /// Takes the player out of a bucket in as few statements as the usual case allows: points values (multiples of
    /// the scoring step) are usually shared, so the UPDATE is tried first; accuracy values (fractions) are often the
    /// player's alone, so the DELETE is.
    /// </summary>
    private void LeaveBucket(string scope, ScorePeriod period, string metric, double value)
    {
        var (first, second) = metric == LeaderboardSql.PointsBucket ? (leaveBucket, leaveLastBucket) : (leaveLastBucket, leaveBucket);
        if (Run(first, scope, period.Kind, period.Start, metric, value) == 0)
        {
            Run(second, scope, period.Kind, period.Start, metric, value);
        }
    }

    /// <summary>Disposes the commands only when this writer compiled them itself.</summary>
    public void Dispose() => ownedCommands?.Dispose();

    private long? SeasonStart(string scope)
    {
        if (!seasonStarts.TryGetValue(scope, out var start))
        {
            seasonStart.Parameters[0].Value = scope;
            start = seasonStart.ExecuteScalar() is long value ? value : null;
            seasonStarts[scope] = start;
        }

        return start;
    }

    private static int Run(SqliteCommand command, params object[] values)
    {
        SetParameters(command, values);
        return command.ExecuteNonQuery();
    }

    private static void SetParameters(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
