using Npgsql;
using QuizBot.Core.Ports;

namespace QuizBot.Postgres;

/// <summary>Interaction receipts shared by every instance on the database.</summary>
public sealed class PostgresInteractionReceiptStore : IInteractionReceiptStore
{
    private readonly PostgresDatabase database;

    internal PostgresInteractionReceiptStore(PostgresDatabase database) => this.database = database;

    public async ValueTask<bool> TryRecordAsync(ulong interactionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // One statement: a new id inserts, an expired receipt is renewed, a live one makes no change (0 rows).
        // Concurrent calls for one id queue on the row; the losers then see a live receipt.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO interaction_receipts (id, expires_at) VALUES ($1, $2)
            ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
            WHERE interaction_receipts.expires_at <= $3;
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = unchecked((long)interactionId) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoredTime.ToStored(expiresAt) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoredTime.ToStored(now) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // SKIP LOCKED: instances sweeping at the same moment take different rows instead of waiting on each other.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM interaction_receipts
            WHERE id IN (SELECT id FROM interaction_receipts WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED);
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoredTime.ToStored(now) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
