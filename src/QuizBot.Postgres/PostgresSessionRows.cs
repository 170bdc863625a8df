using Dapper;
using Npgsql;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres;

/// <summary>Maps <see cref="QuizSession"/> to and from a <c>quiz_sessions</c> row.</summary>
internal static class PostgresSessionRows
{
    public const string SelectColumns = """
        SELECT id AS Id, scope AS Scope, user_id AS UserId, deck_id AS DeckId, mode AS Mode, topic AS Topic,
               question_ids AS QuestionIds, position AS Position, answered AS Answered, correct AS Correct,
               points AS Points, streak AS Streak, best_streak AS BestStreak, seed AS Seed,
               started_at AS StartedAt, finished_at AS FinishedAt, version AS Version
        FROM quiz_sessions
        """;

    private const string UpsertSql = """
        INSERT INTO quiz_sessions AS s (id, scope, user_id, deck_id, mode, topic, question_ids, position, answered, correct,
                                        points, streak, best_streak, seed, started_at, finished_at)
        VALUES (@Id, @Scope, @UserId, @DeckId, @Mode, @Topic, @QuestionIds, @Position, @Answered, @Correct,
                @Points, @Streak, @BestStreak, @Seed, @StartedAt, @FinishedAt)
        ON CONFLICT (id) DO UPDATE SET
            scope = excluded.scope, user_id = excluded.user_id, deck_id = excluded.deck_id, mode = excluded.mode,
            topic = excluded.topic, question_ids = excluded.question_ids, position = excluded.position,
            answered = excluded.answered, correct = excluded.correct, points = excluded.points,
            streak = excluded.streak, best_streak = excluded.best_streak, seed = excluded.seed,
            started_at = excluded.started_at, finished_at = excluded.finished_at
        WHERE excluded.position > s.position
           OR (excluded.position = s.position AND excluded.answered >= s.answered);
        """;

    // ON CONFLICT without a target: an existing id or another open personal quiz of the member both refuse it.
    private const string InsertSql = """
        INSERT INTO quiz_sessions (id, scope, user_id, deck_id, mode, topic, question_ids, position, answered, correct,
                                   points, streak, best_streak, seed, started_at, finished_at, version)
        VALUES (@Id, @Scope, @UserId, @DeckId, @Mode, @Topic, @QuestionIds, @Position, @Answered, @Correct,
                @Points, @Streak, @BestStreak, @Seed, @StartedAt, @FinishedAt, @Version)
        ON CONFLICT DO NOTHING;
        """;

    // The compare-and-set: only the expected position and version are overwritten. A concurrent transition holds the
    // row; this one then re-reads it, finds another version and writes nothing.
    private const string CompareAndSetSql = """
        UPDATE quiz_sessions SET
            position = @Position, answered = @Answered, correct = @Correct, points = @Points, streak = @Streak,
            best_streak = @BestStreak, finished_at = @FinishedAt, version = @Version
        WHERE id = @Id AND position = @ExpectedPosition AND version = @ExpectedVersion;
        """;

    /// <summary>Inserts a new session; 0 when the id exists or the member already has an open personal quiz in the scope.</summary>
    public static Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, QuizSession session, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, ToRow(session), transaction, cancellationToken: cancellationToken));

    /// <summary>Writes <paramref name="after"/> over <paramref name="before"/>; 0 when the stored session is no longer at before's position and version.</summary>
    public static Task<int> CompareAndSetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, QuizSession before, QuizSession after, CancellationToken cancellationToken)
    {
        var row = ToRow(after);
        return connection.ExecuteAsync(new CommandDefinition(
            CompareAndSetSql,
            new
            {
                row.Id,
                row.Position,
                row.Answered,
                row.Correct,
                row.Points,
                row.Streak,
                row.BestStreak,
                row.FinishedAt,
                row.Version,
                ExpectedPosition = before.Position,
                ExpectedVersion = before.Version,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Writes the session unless the stored one is further along; the number of rows written (0 or 1).</summary>
    public static Task<int> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, QuizSession session, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(UpsertSql, ToRow(session), transaction, cancellationToken: cancellationToken));

    public static SessionRow ToRow(QuizSession session) => new()
    {
        Id = session.Id,
        Scope = session.Player.Scope,
        UserId = session.Player.UserId,
        DeckId = session.DeckId,
        Mode = session.Mode.ToString(),
        Topic = session.Topic,
        QuestionIds = [.. session.QuestionIds],
        Position = session.Position,
        Answered = session.Answered,
        Correct = session.Correct,
        Points = session.Points,
        Streak = session.Streak,
        BestStreak = session.BestStreak,
        Seed = session.Seed,
        StartedAt = StoredTime.ToStored(session.StartedAt),
        FinishedAt = session.FinishedAt is { } finished ? StoredTime.ToStored(finished) : null,
        Version = session.Version,
    };

    public static QuizSession ToSession(SessionRow row) => new(
        row.Id,
        new PlayerKey(row.Scope, row.UserId),
        row.DeckId,
        Enum.Parse<QuizMode>(row.Mode),
        row.Topic,
        row.QuestionIds,
        row.Position,
        row.Answered,
        row.Correct,
        row.Points,
        row.Streak,
        row.BestStreak,
        row.Seed,
        StoredTime.FromStored(row.StartedAt),
        StoredTime.FromStored(row.FinishedAt))
    {
        Version = row.Version,
    };

    /// <summary>A <c>quiz_sessions</c> row; settable properties so Dapper maps PostgreSQL arrays without a constructor match.</summary>
    internal sealed class SessionRow
    {
        public string Id { get; init; } = "";

        public string Scope { get; init; } = "";

        public string UserId { get; init; } = "";

        public string DeckId { get; init; } = "";

        public string Mode { get; init; } = "";

        public string? Topic { get; init; }

        public string[] QuestionIds { get; init; } = [];

        public int Position { get; init; }

        public int Answered { get; init; }

        public int Correct { get; init; }

        public int Points { get; init; }

        public int Streak { get; init; }

        public int BestStreak { get; init; }

        public int Seed { get; init; }

        public long StartedAt { get; init; }

        public long? FinishedAt { get; init; }

        public int Version { get; init; }
    }
}
