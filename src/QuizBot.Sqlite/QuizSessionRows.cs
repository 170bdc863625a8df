using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite;

/// <summary>Maps <see cref="QuizSession"/> to and from a <c>quiz_sessions</c> row.</summary>
internal static class QuizSessionRows
{
    public const string SelectColumns = """
        SELECT id AS Id, scope AS Scope, user_id AS UserId, deck_id AS DeckId, mode AS Mode, topic AS Topic,
               question_ids AS QuestionIds, position AS Position, answered AS Answered, correct AS Correct,
               points AS Points, streak AS Streak, best_streak AS BestStreak, seed AS Seed,
               started_at AS StartedAt, finished_at AS FinishedAt, version AS Version
        FROM quiz_sessions
        """;

    /// <summary>The row at the reader's position, from <see cref="SelectColumns"/>' columns in their order.</summary>
    public static SessionRow Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        reader.GetInt64(7),
        reader.GetInt64(8),
        reader.GetInt64(9),
        reader.GetInt64(10),
        reader.GetInt64(11),
        reader.GetInt64(12),
        reader.GetInt64(13),
        reader.GetInt64(14),
        reader.IsDBNull(15) ? null : reader.GetInt64(15),
        reader.GetInt64(16));

    private const string UpsertSql = """
        INSERT INTO quiz_sessions (id, scope, user_id, deck_id, mode, topic, question_ids, position, answered, correct,
                                   points, streak, best_streak, seed, started_at, finished_at)
        VALUES (@Id, @Scope, @UserId, @DeckId, @Mode, @Topic, @QuestionIds, @Position, @Answered, @Correct,
                @Points, @Streak, @BestStreak, @Seed, @StartedAt, @FinishedAt)
        ON CONFLICT (id) DO UPDATE SET
            scope = excluded.scope, user_id = excluded.user_id, deck_id = excluded.deck_id, mode = excluded.mode,
            topic = excluded.topic, question_ids = excluded.question_ids, position = excluded.position,
            answered = excluded.answered, correct = excluded.correct, points = excluded.points,
            streak = excluded.streak, best_streak = excluded.best_streak, seed = excluded.seed,
            started_at = excluded.started_at, finished_at = excluded.finished_at
        WHERE excluded.position > quiz_sessions.position
           OR (excluded.position = quiz_sessions.position AND excluded.answered >= quiz_sessions.answered);
        """;

    private const string InsertSql = """
        INSERT INTO quiz_sessions (id, scope, user_id, deck_id, mode, topic, question_ids, position, answered, correct,
                                   points, streak, best_streak, seed, started_at, finished_at, version)
        VALUES (@Id, @Scope, @UserId, @DeckId, @Mode, @Topic, @QuestionIds, @Position, @Answered, @Correct,
                @Points, @Streak, @BestStreak, @Seed, @StartedAt, @FinishedAt, @Version)
        ON CONFLICT DO NOTHING;
        """;

    // The compare-and-set: only the expected position and version are overwritten.
    internal static readonly SqlStatement CompareAndSetFinish = new(
        """
        UPDATE quiz_sessions SET
            position = @Position, answered = @Answered, correct = @Correct, points = @Points, streak = @Streak,
            best_streak = @BestStreak, version = @Version, finished_at = @FinishedAt
        WHERE id = @Id AND position = @ExpectedPosition AND version = @ExpectedVersion;
        """,
        "@Id", "@Position", "@Answered", "@Correct", "@Points", "@Streak", "@BestStreak", "@Version", "@ExpectedPosition", "@ExpectedVersion", "@FinishedAt");

    // The same for a session that stays open (most transitions), without finished_at: naming a column of the partial
    // indexes' WHERE clauses (ix_quiz_sessions_active, ux_quiz_sessions_open_personal) in SET makes SQLite delete and
    // re-insert the row's entry in both, even when the value does not change: two index pages more per answer.
    internal static readonly SqlStatement CompareAndSetOpen = new(
        """
        UPDATE quiz_sessions SET
            position = @Position, answered = @Answered, correct = @Correct, points = @Points, streak = @Streak,
            best_streak = @BestStreak, version = @Version
        WHERE id = @Id AND position = @ExpectedPosition AND version = @ExpectedVersion;
        """,
        "@Id", "@Position", "@Answered", "@Correct", "@Points", "@Streak", "@BestStreak", "@Version", "@ExpectedPosition", "@ExpectedVersion");

    /// <summary>Writes the session unless the stored one is further along; the number of rows written (0 or 1).</summary>
    public static Task<int> UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, QuizSession session, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(UpsertSql, ToRow(session), transaction, cancellationToken: cancellationToken));

    /// <summary>Inserts a new session; 0 when the id exists or the member already has an open personal quiz in the scope.</summary>
    public static int Insert(SqliteConnection connection, SqliteTransaction transaction, QuizSession session) =>
        connection.Execute(new CommandDefinition(InsertSql, ToRow(session), transaction));

    /// <summary>Writes <paramref name="after"/> over <paramref name="before"/>; 0 when the stored session is no longer at before's position and version.</summary>
    public static int CompareAndSet(SqliteWrite write, QuizSession before, QuizSession after)
    {
        // The version guard means the stored row is before: when neither finishes, finished_at stays NULL untouched.
        var staysOpen = before.FinishedAt is null && after.FinishedAt is null;
        var command = write.Command(staysOpen ? CompareAndSetOpen : CompareAndSetFinish);
        if (!staysOpen)
        {
            command.Parameters[10].Value = after.FinishedAt is { } finished ? StoredTime.ToStored(finished) : DBNull.Value;
        }

        return PreparedCommands.Run(
            command,
            after.Id,
            after.Position,
            after.Answered,
            after.Correct,
            after.Points,
            after.Streak,
            after.BestStreak,
            after.Version,
            before.Position,
            before.Version);
    }

    private static SessionRow ToRow(QuizSession session) =>
        new(
            session.Id,
            session.Player.Scope,
            session.Player.UserId,
            session.DeckId,
            session.Mode.ToString(),
            session.Topic,
            JsonSerializer.Serialize(session.QuestionIds),
            session.Position,
            session.Answered,
            session.Correct,
            session.Points,
            session.Streak,
            session.BestStreak,
            session.Seed,
            StoredTime.ToStored(session.StartedAt),
            session.FinishedAt is { } finished ? StoredTime.ToStored(finished) : null,
            session.Version);

    public static QuizSession ToSession(SessionRow row) => new(
        row.Id,
        new PlayerKey(row.Scope, row.UserId),
        row.DeckId,
        Enum.Parse<QuizMode>(row.Mode),
        row.Topic,
        JsonSerializer.Deserialize<string[]>(row.QuestionIds) ?? [],
        (int)row.Position,
        (int)row.Answered,
        (int)row.Correct,
        (int)row.Points,
        (int)row.Streak,
        (int)row.BestStreak,
        (int)row.Seed,
        StoredTime.FromStored(row.StartedAt),
        StoredTime.FromStored(row.FinishedAt))
    {
        Version = (int)row.Version,
    };

    internal sealed record SessionRow(
        string Id,
        string Scope,
        string UserId,
        string DeckId,
        string Mode,
        string? Topic,
        string QuestionIds,
        long Position,
        long Answered,
        long Correct,
        long Points,
        long Streak,
        long BestStreak,
        long Seed,
        long StartedAt,
        long? FinishedAt,
        long Version);
}
