using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>Interaction receipts in the database file, so every process sharing it agrees on which ids were taken.</summary>
public sealed class SqliteInteractionReceiptStore : IInteractionReceiptStore
{
    private readonly SqliteDatabase database;

    internal SqliteInteractionReceiptStore(SqliteDatabase database) => this.database = database;

    public async ValueTask<bool> TryRecordAsync(ulong interactionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // One statement: a new id inserts, an expired receipt is renewed, a live one makes no change (0 rows).
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO interaction_receipts (id, expires_at) VALUES (@Id, @ExpiresAt)
            ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
            WHERE interaction_receipts.expires_at <= @Now;
            """,
            new { Id = unchecked((long)interactionId), ExpiresAt = StoredTime.ToStored(expiresAt), Now = StoredTime.ToStored(now) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM interaction_receipts
            WHERE id IN (SELECT id FROM interaction_receipts WHERE expires_at <= @Now ORDER BY expires_at LIMIT @Limit);
            """,
            new { Now = StoredTime.ToStored(now), Limit = limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
