using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite;

/// <summary>Quiz sessions and answers in SQLite. Every write is one short <c>BEGIN IMMEDIATE</c> transaction.</summary>
public sealed class SqliteQuizStore : IQuizStore
{
    private readonly SqliteDatabase database;

    internal SqliteQuizStore(SqliteDatabase database) => this.database = database;

    public async Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<QuizSessionRows.SessionRow>(new CommandDefinition(
            QuizSessionRows.SelectColumns + " WHERE id = @sessionId;", new { sessionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : QuizSessionRows.ToSession(row);
    }

    public async Task<QuizSession?> GetActiveSessionAsync(PlayerKey player, QuizMode mode, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<QuizSessionRows.SessionRow>(new CommandDefinition(
            QuizSessionRows.SelectColumns + """
             WHERE scope = @Scope AND user_id = @UserId AND mode = @Mode AND finished_at IS NULL
             ORDER BY started_at DESC, rowid DESC LIMIT 1;
            """,
            new { player.Scope, player.UserId, Mode = mode.ToString() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : QuizSessionRows.ToSession(row);
    }

    public async Task<bool> SaveSessionAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        StoreInput.Session(session);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var written = await QuizSessionRows.UpsertAsync(connection, transaction, session, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written > 0;
    }

    public async Task<bool> RecordAnswerAsync(AnswerRecord answer, QuizSession sessionAfter, CancellationToken cancellationToken = default)
    {
        StoreInput.Answer(answer);
        StoreInput.Session(sessionAfter);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        using (var writer = new AnswerWriter(connection, transaction))
        {
            if (!writer.Write(answer))
            {
                return false;
            }
        }

        await QuizSessionRows.UpsertAsync(connection, transaction, sessionAfter, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
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
                SELECT question_id, correct, answered_at, id,
                       ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY answered_at DESC, id DESC) AS recency
                FROM answers
                WHERE scope = @Scope AND user_id = @UserId)
            WHERE recency = 1 AND correct = 0
            ORDER BY answered_at DESC, id DESC;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
