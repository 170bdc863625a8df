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
        // One statement: a new id inserts, an expired receipt is renewed, a live one makes no change (0 rows). It takes
        // its turn at the file's write gate like every other write, on the writer's compiled statement.
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var insert = write.Command(
            """
            INSERT INTO interaction_receipts (id, expires_at) VALUES ($id, $expires)
            ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
            WHERE interaction_receipts.expires_at <= $now;
            """,
            "$id", "$expires", "$now");
        var changed = PreparedCommands.Run(insert, unchecked((long)interactionId), StoredTime.ToStored(expiresAt), StoredTime.ToStored(now));
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM interaction_receipts
            WHERE id IN (SELECT id FROM interaction_receipts WHERE expires_at <= @Now ORDER BY expires_at LIMIT @Limit);
            """,
            new { Now = StoredTime.ToStored(now), Limit = limit },
            write.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }
}
