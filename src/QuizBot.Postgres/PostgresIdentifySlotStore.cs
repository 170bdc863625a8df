using Npgsql;
using QuizBot.Core.Ports;

namespace QuizBot.Postgres;

/// <summary>The gateway's identify slots, shared by every instance on the database.</summary>
public sealed class PostgresIdentifySlotStore : IIdentifySlotStore
{
    private readonly PostgresDatabase database;

    internal PostgresIdentifySlotStore(PostgresDatabase database) => this.database = database;

    public async ValueTask<IdentifySlotClaim> TryClaimAsync(int bucket, TimeProvider clock, TimeSpan hold, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero);

        // Concurrent claims queue on the row's lock and each re-checks the condition on the row as the one before left
        // it, so one wins. A refused claim reads the winner's time in a second statement, which sees the committed row.
        // Now is read once the connection is open (opening one can take longer than the statement). The next time is
        // rounded up and now down: never a claim early.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        await using var claim = new NpgsqlCommand(
            """
            INSERT INTO identify_slots (bucket, next_allowed_at) VALUES ($1, $2)
            ON CONFLICT (bucket) DO UPDATE SET next_allowed_at = excluded.next_allowed_at
            WHERE identify_slots.next_allowed_at <= $3;
            """,
            connection);
        var next = StoredTime.ToStoredCeiling(now + hold);
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = bucket });
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoredTime.ToStored(now) });
        if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return new IdentifySlotClaim(true, StoredTime.FromStored(next));
        }

        await using var read = new NpgsqlCommand("SELECT next_allowed_at FROM identify_slots WHERE bucket = $1;", connection);
        read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = bucket });
        var current = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new IdentifySlotClaim(false, StoredTime.FromStored(current));
    }

    public async ValueTask<DateTimeOffset?> ConfirmAsync(int bucket, DateTimeOffset claimed, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        var next = StoredTime.ToStoredCeiling(until);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE identify_slots SET next_allowed_at = $2 WHERE bucket = $1 AND next_allowed_at = $3;", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = bucket });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = StoredTime.ToStored(claimed) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? StoredTime.FromStored(next) : null;
    }
}
