using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Sqlite.Migrations;

namespace QuizBot.Sqlite.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void Migrations_are_numbered_from_one_without_gaps_and_there_are_at_least_two()
    {
        Assert.True(SchemaMigrator.All.Count >= 2);
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.All.Count), SchemaMigrator.All.Select(m => m.Version));
        Assert.Equal(SchemaMigrator.LatestVersion, SqliteStore.LatestSchemaVersion);
    }

    [Fact]
    public void Opening_a_new_file_creates_its_folder_and_the_latest_schema_in_wal_mode()
    {
        Assert.False(File.Exists(db.FilePath));

        _ = db.Store;

        Assert.True(File.Exists(db.FilePath));
        using var connection = db.OpenRaw();
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet();
        Assert.Superset(
            new HashSet<string> { "users", "answers", "quiz_sessions", "player_totals", "card_states", "review_log", "question_reports", "guild_settings", "score_periods", "score_days", "player_topics" },
            tables);
    }

    [Fact]
    public async Task Opening_again_and_migrating_again_changes_nothing()
    {
        var player = new PlayerKey("g1", "u1");
        Assert.True(await db.Store.Quizzes.RecordAsync(Answers.Make(player, "s1", 0, true, Answers.Start)));

        db.Reopen();
        using (var connection = db.OpenRaw())
        {
            SchemaMigrator.Migrate(connection);
            Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
            Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM answers;"));
            Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM score_periods WHERE kind = 'all';"));
        }

        var stats = await db.Store.Stats.GetStatsAsync(player, Answers.Start);
        Assert.Equal(10, stats.Points);
        Assert.Equal(1, stats.Answered);
    }

    [Fact]
    public async Task A_version_1_database_with_rows_upgrades_and_keeps_them_and_fills_the_rollups()
    {
        var season = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
        using (var connection = db.OpenRaw())
        {
            SchemaMigrator.Migrate(connection, targetVersion: 1);
            Assert.Equal(1, SchemaMigrator.CurrentVersion(connection));
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'score_periods';"));
            using var transaction = connection.BeginTransaction();
            connection.Execute(
                "INSERT INTO users VALUES ('g1', 'ann', 'Ann', 0), ('g1', 'bob', 'Bob', 0), ('g2', 'ann', 'Ann2', 0);", transaction: transaction);
            connection.Execute(
                "INSERT INTO guild_settings VALUES ('g1', 'chan', 7, @Season);", new { Season = season.ToUnixTimeMilliseconds() }, transaction);
            connection.Execute(
                """
                INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
                VALUES (@Scope, @User, @Session, @Index, @Question, 'f', @Topics, @Correct, @Points, 'Quiz', @At);
                """,
                new[]
                {
                    V1Answer("g1", "ann", "s1", 0, true, 10, """["csto","base"]""", new DateTimeOffset(2025, 3, 5, 9, 0, 0, TimeSpan.Zero)),
                    V1Answer("g1", "ann", "s1", 1, false, 0, """["csto"]""", new DateTimeOffset(2025, 3, 11, 9, 0, 0, TimeSpan.Zero)),
                    V1Answer("g1", "ann", "s1", 2, true, 15, """["base"]""", new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero)),
                    V1Answer("g1", "bob", "s2", 0, true, 20, """["csto"]""", new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero)),
                    V1Answer("g2", "ann", "s3", 0, true, 5, """["csto"]""", new DateTimeOffset(2025, 2, 28, 10, 0, 0, TimeSpan.Zero)),
                },
                transaction);
            connection.Execute(
                "INSERT INTO player_totals VALUES ('g1', 'ann', 25, 3, 2, 1, 1), ('g1', 'bob', 20, 1, 1, 1, 1), ('g2', 'ann', 5, 1, 1, 1, 1);", transaction: transaction);
            connection.Execute(
                """
                INSERT INTO quiz_sessions (id, scope, user_id, deck_id, mode, topic, question_ids, position, answered, correct, points, streak, best_streak, seed, started_at, finished_at)
                VALUES ('s1', 'g1', 'ann', 'deck', 'Quiz', NULL, '["q0","q1","q2","q3"]', 3, 3, 2, 25, 1, 1, 7, 0, NULL);
                """,
                transaction: transaction);
            transaction.Commit();
        }

        var store = db.Store;

        using (var connection = db.OpenRaw())
        {
            Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
            Assert.Equal(5L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM answers;"));
            Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM users;"));
        }

        var resumed = await store.Quizzes.GetOpenQuizAsync(new PlayerKey("g1", "ann"));
        Assert.NotNull(resumed);
        Assert.Equal(["q0", "q1", "q2", "q3"], resumed.QuestionIds);
        Assert.Equal(3, resumed.Position);

        // Ann's first answer is before g1's season start: lifetime stats keep it, the leaderboard does not.
        var now = new DateTimeOffset(2025, 3, 13, 12, 0, 0, TimeSpan.Zero);
        var board = await store.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.All, LeaderboardMetric.Points, "ann", 0, 10, now);
        Assert.Equal([("bob", 20, 1), ("ann", 15, 2)], board.Rows.Select(r => (r.UserId, r.Points, r.Answered)));
        Assert.Equal(2, board.Caller?.Rank);
        var week = await store.Stats.GetLeaderboardAsync("g1", LeaderboardPeriod.Week, LeaderboardMetric.Points, "ann", 0, 10, now);
        Assert.Equal([("bob", 20), ("ann", 15)], week.Rows.Select(r => (r.UserId, r.Points)));

        var ann = await store.Stats.GetStatsAsync(new PlayerKey("g1", "ann"), now);
        Assert.Equal(25, ann.Points);
        Assert.Equal(3, ann.Answered);
        Assert.Equal(2, ann.Rank);
        Assert.Equal([new TopicAccuracy("base", 2, 2), new TopicAccuracy("csto", 2, 1)], ann.Topics);
        Assert.Equal(2, ann.DayStreak);

        var other = await store.Stats.GetLeaderboardAsync("g2", LeaderboardPeriod.Month, LeaderboardMetric.Points, "ann", 0, 10,
            new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("Ann2", Assert.Single(other.Rows).DisplayName);
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_and_left_alone()
    {
        using (var connection = db.OpenRaw())
        {
            connection.Execute("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;");
        }

        var error = Assert.Throws<InvalidOperationException>(() => SqliteStore.Open(db.FilePath));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        using var check = db.OpenRaw();
        Assert.Equal(99, SchemaMigrator.CurrentVersion(check));
        Assert.Equal(0L, check.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'answers';"));
    }

    [Fact]
    public void Bad_options_are_refused_with_the_setting_named()
    {
        Assert.Throws<ArgumentException>(() => SqliteStore.Open(new SqliteStoreOptions { Path = " " }));
        Assert.Throws<ArgumentException>(() => SqliteStore.Open(new SqliteStoreOptions { Path = ":memory:" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteStore.Open(new SqliteStoreOptions { Path = db.FilePath, BusyTimeout = TimeSpan.Zero }));
        Assert.False(File.Exists(db.FilePath));
    }

    [Fact]
    public void Schema_4_adds_the_daily_questions_table_to_a_version_3_file()
    {
        using (var connection = db.OpenRaw())
        {
            SchemaMigrator.Migrate(connection, targetVersion: 3);
            Assert.Equal(3, SchemaMigrator.CurrentVersion(connection));
        }

        var store = db.Store;
        using var raw = db.OpenRaw();
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(raw));
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'daily_questions';";
        Assert.Equal(1L, command.ExecuteScalar());
        Assert.NotNull(store.Guilds);
    }

    private static object V1Answer(string scope, string user, string session, int index, bool correct, int points, string topics, DateTimeOffset at) =>
        new { Scope = scope, User = user, Session = session, Index = index, Question = $"q{index}", Topics = topics, Correct = correct ? 1 : 0, Points = points, At = at.ToUnixTimeMilliseconds() };
}
