using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>
/// Interaction receipts in the database file, so every process sharing it agrees on which ids were taken.
/// Receipts asked for while another write holds the file's gate are committed together, in one transaction at the
/// next turn (a <see cref="GroupCommit"/>): under load most interactions would otherwise queue for the gate twice, once
/// for the receipt and once for their own write. Each caller still learns only once its receipt is committed.
/// </summary>
public sealed class SqliteInteractionReceiptStore : IInteractionReceiptStore
{
    private static readonly SqlStatement Insert = new(
        """
        INSERT INTO interaction_receipts (id, expires_at) VALUES ($id, $expires)
        ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
        WHERE interaction_receipts.expires_at <= $now;
        """,
        "$id",
        "$expires",
        "$now");

    private readonly SqliteDatabase database;
    private readonly GroupCommit receipts;

    internal SqliteInteractionReceiptStore(SqliteDatabase database)
    {
        this.database = database;
        receipts = new GroupCommit(database, nameof(TryRecordAsync));
    }

    public ValueTask<bool> TryRecordAsync(ulong interactionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var (id, expires, at) = (unchecked((long)interactionId), StoredTime.ToStored(expiresAt), StoredTime.ToStored(now));

        // A new id inserts, an expired receipt is renewed, a live one makes no change (0 rows): of two deliveries of
        // one id in the same batch only the first is taken.
        return new ValueTask<bool>(receipts.RunAsync(
            write => PreparedCommands.Run(write.Command(Insert), id, expires, at) == 1, cancellationToken));
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
