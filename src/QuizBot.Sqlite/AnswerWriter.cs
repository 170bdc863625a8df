using System.Globalization;
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

    // The name of the player's latest answer wins: a late delivery must not put back an older display name. The row is
    // only rewritten when the name changes (an unchanged name left as it is writes no page); the latest answer is then
    // read from the answers (this one is already stored), so updated_at only says when the name last changed.
    private const string UpsertUserSql = """
        INSERT INTO users (scope, user_id, display_name, updated_at) VALUES ($scope, $user, $name, $at)
        ON CONFLICT (scope, user_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at
        WHERE excluded.display_name IS NOT users.display_name
          AND excluded.updated_at >= users.updated_at
          AND excluded.updated_at >= COALESCE((SELECT MAX(answered_at) FROM answers WHERE scope = $scope AND user_id = $user), users.updated_at);
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

    // The answer's three periods (week, month, season) in one statement, none when the answer is older than the
    // season's start; each row comes back with its totals after the answer, tagged with its period. {0} is the update
    // of an existing row: see ScoredPeriodUpdate and UnscoredPeriodUpdate.
    private const string UpsertPeriodsSql = """
        INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
        SELECT $scope, p.column1, p.column2, $user, $points, 1, $correct, CASE WHEN $points > 0 THEN $at ELSE 0 END
        FROM (VALUES ('week', $week), ('month', $month), ('all', 0)) AS p
        WHERE $at >= COALESCE((SELECT season_started_at FROM guild_settings WHERE scope = $scope), $at)
        ON CONFLICT (scope, kind, period_start, user_id) DO UPDATE SET {0}
        RETURNING kind, period_start, points, answered, correct;
        """;

    private const string ScoredPeriodUpdate = """
        points = points + excluded.points,
            answered = answered + 1,
            correct = correct + excluded.correct,
            scored_at = MAX(scored_at, excluded.scored_at)
        """;

    // An answer worth no points leaves points and scored_at as they are (excluded.scored_at is 0). Not naming them
    // keeps SQLite from deleting and re-inserting the row's ix_score_periods_points entry, unchanged, in each period.
    private const string UnscoredPeriodUpdate = "answered = answered + 1, correct = correct + excluded.correct";

    // Rank buckets move in at most three statements per answer, whatever the number of periods and metrics: the
    // buckets the player leaves (deleted when the player was their last, else decremented), then the ones they join.
    // A list names a bucket at most once (one per period and metric), so the order inside a list does not matter.
    // Leaving matches an OR of whole keys, which SQLite runs as one primary-key search per bucket (a row-value IN
    // over VALUES would scan the scope's buckets).
    private const string LeaveLastBucketsSql = "DELETE FROM score_buckets WHERE players = 1 AND ({0});";
    private const string LeaveBucketsSql = "UPDATE score_buckets SET players = players - 1 WHERE players > 1 AND ({0});";
    private const string JoinBucketsSql = """
        INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
        SELECT column1, column2, column3, column4, column5, 1 FROM (VALUES {1}) WHERE true
        ON CONFLICT (scope, kind, period_start, metric, value) DO UPDATE SET players = players + 1;
        """;

    // Parameter names, key matches and VALUES rows for up to six buckets (three periods, two metrics), built once.
    private static readonly string[] BucketParameterNames =
        [.. Enumerable.Range(0, 6).SelectMany(i => new[] { $"$s{i}", $"$k{i}", $"$p{i}", $"$m{i}", $"$v{i}" })];

    private static readonly string[] BucketMatches =
        [.. Enumerable.Range(0, 6).Select(i => $"(scope = $s{i} AND kind = $k{i} AND period_start = $p{i} AND metric = $m{i} AND value = $v{i})")];

    private static readonly string[] BucketRows = [.. Enumerable.Range(0, 6).Select(i => $"($s{i}, $k{i}, $p{i}, $m{i}, $v{i})")];

    private static readonly SqlStatement InsertAnswer = new(
        InsertAnswerSql, "$scope", "$user", "$session", "$index", "$question", "$fact", "$topics", "$correct", "$points", "$mode", "$at");

    private static readonly SqlStatement UpsertUser = new(UpsertUserSql, "$scope", "$user", "$name", "$at");
    private static readonly SqlStatement UpsertTotals = new(UpsertTotalsSql, "$scope", "$user", "$points", "$correct");
    private static readonly SqlStatement UpsertDay = new(UpsertDaySql, "$scope", "$user", "$day", "$points", "$correct");
    private static readonly SqlStatement UpsertTopic = new(UpsertTopicSql, "$scope", "$user", "$topic", "$correct");
    private static readonly SqlStatement UpsertScoredPeriods = PeriodsStatement(ScoredPeriodUpdate);
    private static readonly SqlStatement UpsertUnscoredPeriods = PeriodsStatement(UnscoredPeriodUpdate);

    // The bucket statements by list length: [n - 1] moves n buckets.
    private static readonly SqlStatement[] LeaveLastBuckets = BucketStatementsFor(LeaveLastBucketsSql);
    private static readonly SqlStatement[] LeaveBuckets = BucketStatementsFor(LeaveBucketsSql);
    private static readonly SqlStatement[] JoinBuckets = BucketStatementsFor(JoinBucketsSql);

    private readonly SqliteCommand insertAnswer;
    private readonly SqliteCommand upsertUser;
    private readonly SqliteCommand upsertTotals;
    private readonly SqliteCommand upsertDay;
    private readonly SqliteCommand upsertTopic;
    private readonly SqliteTransaction transaction;
    private readonly PreparedCommands? ownedCommands;
    private readonly List<Bucket> leaving = new(6);
    private readonly List<Bucket> joining = new(6);

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
        insertAnswer = commands.Get(transaction, InsertAnswer);
        upsertUser = commands.Get(transaction, UpsertUser);
        upsertTotals = commands.Get(transaction, UpsertTotals);
        upsertDay = commands.Get(transaction, UpsertDay);
        upsertTopic = commands.Get(transaction, UpsertTopic);
        this.transaction = transaction;
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

        AddToPeriods(scope, user, answer.Points, correct, at, answer.AnsweredAt);
        return true;
    }

    /// <summary>Adds the answer to the player's rows for its periods and moves the player between rank buckets.</summary>
    private void AddToPeriods(string scope, string user, int points, long correct, long at, DateTimeOffset answeredAt)
    {
        leaving.Clear();
        joining.Clear();
        var upsertPeriods = Commands.Get(transaction, points > 0 ? UpsertScoredPeriods : UpsertUnscoredPeriods);
        SetParameters(upsertPeriods, scope, user, points, correct, at, ScorePeriod.WeekOf(answeredAt).Start, ScorePeriod.MonthOf(answeredAt).Start);
        using (var reader = upsertPeriods.ExecuteReader())
        {
            while (reader.Read())
            {
                var period = new ScorePeriod(reader.GetString(0), reader.GetInt64(1));
                var (newPoints, newAnswered, newCorrect) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                var (oldPoints, oldAnswered, oldCorrect) = (newPoints - points, newAnswered - 1, newCorrect - correct);
                if (oldAnswered == 0 || oldPoints != newPoints)
                {
                    if (oldAnswered > 0)
                    {
                        leaving.Add(new Bucket(period, LeaderboardSql.PointsBucket, oldPoints));
                    }

                    joining.Add(new Bucket(period, LeaderboardSql.PointsBucket, newPoints));
                }

                var (wasRanked, isRanked) = (oldAnswered >= LeaderboardSql.MinimumAnswersForAccuracy, newAnswered >= LeaderboardSql.MinimumAnswersForAccuracy);
                if (wasRanked && isRanked && oldCorrect * newAnswered == newCorrect * oldAnswered)
                {
                    // The same accuracy (still all right or all wrong): leaving the bucket to join it again writes it twice for nothing.
                    continue;
                }

                if (wasRanked)
                {
                    leaving.Add(new Bucket(period, LeaderboardSql.AccuracyBucket, (double)oldCorrect / oldAnswered));
                }

                if (isRanked)
                {
                    joining.Add(new Bucket(period, LeaderboardSql.AccuracyBucket, (double)newCorrect / newAnswered));
                }
            }
        }

        if (leaving.Count > 0)
        {
            RunBuckets(LeaveLastBuckets, scope, leaving);
            RunBuckets(LeaveBuckets, scope, leaving);
        }

        if (joining.Count > 0)
        {
            RunBuckets(JoinBuckets, scope, joining);
        }
    }

    /// <summary>Runs a bucket statement over these buckets: one compiled statement per list length (1 to 6).</summary>
    private void RunBuckets(SqlStatement[] byCount, string scope, List<Bucket> buckets)
    {
        var command = Commands.Get(transaction, byCount[buckets.Count - 1]);
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            command.Parameters[i * 5].Value = scope;
            command.Parameters[(i * 5) + 1].Value = bucket.Period.Kind;
            command.Parameters[(i * 5) + 2].Value = bucket.Period.Start;
            command.Parameters[(i * 5) + 3].Value = bucket.Metric;
            command.Parameters[(i * 5) + 4].Value = bucket.Value;
        }

        command.ExecuteNonQuery();
    }

    /// <summary>The periods upsert for an answer worth points (true) or none (false); the index tests read them.</summary>
    internal static string PeriodsSql(bool scored) => (scored ? UpsertScoredPeriods : UpsertUnscoredPeriods).Sql;

    private static SqlStatement PeriodsStatement(string update) => new(
        string.Format(CultureInfo.InvariantCulture, UpsertPeriodsSql, update), "$scope", "$user", "$points", "$correct", "$at", "$week", "$month");

    /// <summary>The leave-last, leave and join statements for this many buckets (the query-plan tests read them).</summary>
    internal static IReadOnlyList<string> BucketStatements(int count) =>
        [BucketSql(LeaveLastBucketsSql, count), BucketSql(LeaveBucketsSql, count), BucketSql(JoinBucketsSql, count)];

    private static SqlStatement[] BucketStatementsFor(string sqlFormat) =>
        [.. Enumerable.Range(1, 6).Select(count => new SqlStatement(BucketSql(sqlFormat, count), BucketParameterNames[..(count * 5)]))];

    /// <summary>A bucket statement for <paramref name="count"/> buckets, parameters $s0, $k0, $p0, $m0, $v0, $s1 and so on.</summary>
    private static string BucketSql(string sqlFormat, int count) => string.Format(
        CultureInfo.InvariantCulture, sqlFormat, string.Join(" OR ", BucketMatches, 0, count), string.Join(", ", BucketRows, 0, count));

    /// <summary>Disposes the commands only when this writer compiled them itself.</summary>
    public void Dispose() => ownedCommands?.Dispose();

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

    /// <summary>One rank bucket: a period's players sharing a points value or an accuracy.</summary>
    private readonly record struct Bucket(ScorePeriod Period, string Metric, double Value);
}
