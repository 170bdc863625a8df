using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres;

/// <summary>Quiz sessions and answers in PostgreSQL. Every write is one short transaction.</summary>
public sealed class PostgresQuizStore : IQuizStore
{
    private readonly PostgresDatabase database;

    // What this instance last wrote or read of each open personal quiz: a press is decided without a read.
    private readonly QuizSessionCache sessions = new();

    internal PostgresQuizStore(PostgresDatabase database) => this.database = database;

    public async Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PostgresSessionRows.SessionRow>(new CommandDefinition(
            PostgresSessionRows.SelectColumns + " WHERE id = @sessionId;", new { sessionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var session = PostgresSessionRows.ToSession(row);
        sessions.Remember(session);
        return session;
    }

    public async Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        return sessions.Find(sessionId) ?? await GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindOpenQuizAsync(connection, player, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        StoreInput.Session(session);
        if (!session.IsPersonal || session.IsFinished)
        {
            throw new ArgumentException("Only an unfinished Quiz or Review session is opened this way.", nameof(session));
        }

        // The unique index on open personal quizzes decides between two starts at once; the loser reads the winner.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (await PostgresSessionRows.InsertAsync(connection, null, session, cancellationToken).ConfigureAwait(false) == 1)
            {
                sessions.Remember(session);
                return new QuizOpenResult.Opened();
            }

            if (await FindOpenQuizAsync(connection, session.Player, cancellationToken).ConfigureAwait(false) is { } open)
            {
                return new QuizOpenResult.AlreadyOpen(open);
            }

            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM quiz_sessions WHERE id = @Id);", new { session.Id }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"A quiz session with id {session.Id} already exists.");
            }

            // The open quiz that refused this one finished in between: try again.
        }
    }

    public async Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        StoreInput.Transition(transition);
        // Only once committed: a failed commit throws, and nothing of it is remembered.
        var result = await ApplyInTransactionAsync(transition, cancellationToken).ConfigureAwait(false);

        sessions.Remember(transition, result);
        return result;
    }

    private Task<QuizTransitionResult> ApplyInTransactionAsync(QuizTransition transition, CancellationToken cancellationToken)
    {
        var (before, after) = (transition.Before, transition.After);
        return database.InTransactionAsync<QuizTransitionResult>(
            async (connection, transaction) =>
            {
                // Read committed suffices: a skip's reveal reaches the member only after it commits, so an answer sent
                // after seeing it is checked by a statement that sees the skip.
                if (transition is { NotRevealedSince: { } since, Answer: { } scored } && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                        "SELECT EXISTS (SELECT 1 FROM quiz_steps WHERE user_id = @UserId AND kind = 1 AND at >= @Since AND question_id = @QuestionId AND session_id <> @SessionId);",
                        new { scored.Player.UserId, Since = StoredTime.ToStored(since), scored.QuestionId, scored.SessionId },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false))
                {
                    return QuizTransitionResult.RevealedEarlier;
                }

                var written = await PostgresSessionRows.CompareAndSetAsync(connection, transaction, before, after, cancellationToken).ConfigureAwait(false);
                if (written == 0 && before.Version == 0 && before.Position == 0)
                {
                    // A session's first transition may create it (a one-question daily session); the id is the guard.
                    written = await PostgresSessionRows.InsertAsync(connection, transaction, after, cancellationToken).ConfigureAwait(false);
                }

                if (written == 0)
                {
                    var stored = await connection.QuerySingleOrDefaultAsync<PostgresSessionRows.SessionRow>(new CommandDefinition(
                        PostgresSessionRows.SelectColumns + " WHERE id = @Id;", new { before.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    return stored is null ? QuizTransitionResult.Missing : new QuizTransitionResult.Conflict(PostgresSessionRows.ToSession(stored));
                }

                if (transition.Steps.Count > 0)
                {
                    await using var steps = Sql.Batch(connection, transaction, transition.Steps.Select(step => Sql.Command(
                        """
                        INSERT INTO quiz_steps (session_id, question_index, scope, user_id, question_id, kind, match, given, points, streak_after, at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
                        """,
                        step.SessionId, step.QuestionIndex, after.Player.Scope, after.Player.UserId, step.QuestionId, (int)step.Kind, (int)step.Match,
                        step.Given, step.Points, step.StreakAfter, StoredTime.ToStored(step.At))));
                    await steps.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (transition.Answer is { } answer && !await PostgresAnswerWriter.WriteAsync(connection, transaction, answer, cancellationToken).ConfigureAwait(false))
                {
                    // The version guard makes this unreachable; refuse rather than half-apply if it ever is not.
                    throw new InvalidOperationException($"Question {answer.QuestionIndex} of session {answer.SessionId} already has an answer.");
                }

                return QuizTransitionResult.Applied;
            },
            cancellationToken);
    }

    public async Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<StepRow>(new CommandDefinition(
            """
            SELECT session_id AS SessionId, question_index AS QuestionIndex, question_id AS QuestionId, kind AS Kind, match AS Match,
                   given AS Given, points AS Points, streak_after AS StreakAfter, at AS At
            FROM quiz_steps WHERE session_id = @sessionId AND question_index = @questionIndex;
            """,
            new { sessionId, questionIndex },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new QuizStepRecord(
                row.SessionId, row.QuestionIndex, row.QuestionId, (QuizStepKind)row.Kind, (Core.Judging.AnswerMatch)row.Match,
                row.Given, row.Points, row.StreakAfter, StoredTime.FromStored(row.At));
    }

    public async Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(userId, nameof(userId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var held = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT question_id FROM quiz_steps WHERE user_id = @userId AND at >= @Since AND kind = 1
            UNION
            SELECT unnest(question_ids) FROM quiz_sessions WHERE user_id = @userId AND finished_at IS NULL AND mode IN ('Quiz', 'Review');
            """,
            new { userId, Since = StoredTime.ToStored(since) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return held.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string QuestionId, long Count)>(new CommandDefinition(
            """
            SELECT question_id, COUNT(*) FROM answers
            WHERE scope = @Scope AND user_id = @UserId
            GROUP BY question_id;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.QuestionId, r => (int)r.Count, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The latest answer per question decides; equal times fall back to the order they were stored.
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT question_id FROM (
                SELECT DISTINCT ON (question_id) question_id, correct, answered_at, id
                FROM answers
                WHERE scope = @Scope AND user_id = @UserId
                ORDER BY question_id, answered_at DESC, id DESC) AS latest
            WHERE correct = 0
            ORDER BY answered_at DESC, id DESC;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    private static async Task<QuizSession?> FindOpenQuizAsync(Npgsql.NpgsqlConnection connection, PlayerKey player, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<PostgresSessionRows.SessionRow>(new CommandDefinition(
            PostgresSessionRows.SelectColumns + """
             WHERE scope = @Scope AND user_id = @UserId AND finished_at IS NULL AND mode IN ('Quiz', 'Review')
             ORDER BY started_at DESC, seq DESC LIMIT 1;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : PostgresSessionRows.ToSession(row);
    }

    private sealed record StepRow(string SessionId, int QuestionIndex, string QuestionId, int Kind, int Match, string? Given, int Points, int StreakAfter, long At);
}
