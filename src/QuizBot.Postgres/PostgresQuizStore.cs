using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Postgres;

/// <summary>Quiz sessions and answers in PostgreSQL. Every write is one short transaction.</summary>
public sealed class PostgresQuizStore : IQuizStore
{
    private readonly PostgresDatabase database;

    internal PostgresQuizStore(PostgresDatabase database) => this.database = database;

    public async Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PostgresSessionRows.SessionRow>(new CommandDefinition(
            PostgresSessionRows.SelectColumns + " WHERE id = @sessionId;", new { sessionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : PostgresSessionRows.ToSession(row);
    }

    public async Task<QuizSession?> GetActiveSessionAsync(PlayerKey player, QuizMode mode, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<PostgresSessionRows.SessionRow>(new CommandDefinition(
            PostgresSessionRows.SelectColumns + """
             WHERE scope = @Scope AND user_id = @UserId AND mode = @Mode AND finished_at IS NULL
             ORDER BY started_at DESC, seq DESC LIMIT 1;
            """,
            new { player.Scope, player.UserId, Mode = mode.ToString() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : PostgresSessionRows.ToSession(row);
    }

    public async Task<bool> SaveSessionAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        StoreInput.Session(session);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            PostgresSessionRows.UpsertSql, PostgresSessionRows.ToRow(session), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return written > 0;
    }

    public Task<bool> RecordAnswerAsync(AnswerRecord answer, QuizSession sessionAfter, CancellationToken cancellationToken = default)
    {
        StoreInput.Answer(answer);
        StoreInput.Session(sessionAfter);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                if (!await PostgresAnswerWriter.WriteAsync(connection, transaction, answer, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                await PostgresSessionRows.UpsertAsync(connection, transaction, sessionAfter, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
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
}
