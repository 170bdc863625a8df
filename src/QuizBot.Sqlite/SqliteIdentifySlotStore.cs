using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>The gateway's identify slots in the database file, shared by every process that opens it.</summary>
public sealed class SqliteIdentifySlotStore : IIdentifySlotStore
{
    private readonly SqliteDatabase database;

    internal SqliteIdentifySlotStore(SqliteDatabase database) => this.database = database;

    public async ValueTask<IdentifySlotClaim> TryClaimAsync(int bucket, TimeProvider clock, TimeSpan hold, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero);

        // The compare-and-set and the read of a refused claim's answer happen in one write transaction (a few per
        // start, so no compiled statement). Now is read once the write gate is held, not while queueing for it. The next
        // time is rounded up and now down: never a claim early.
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var next = StoredTime.ToStoredCeiling(now + hold);
        var claimed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO identify_slots (bucket, next_allowed_at) VALUES (@Bucket, @Next)
            ON CONFLICT (bucket) DO UPDATE SET next_allowed_at = excluded.next_allowed_at
            WHERE identify_slots.next_allowed_at <= @Now;
            """,
            new { Bucket = bucket, Next = next, Now = StoredTime.ToStored(now) },
            write.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        if (!claimed)
        {
            next = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT next_allowed_at FROM identify_slots WHERE bucket = @Bucket;",
                new { Bucket = bucket },
                write.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IdentifySlotClaim(claimed, StoredTime.FromStored(next));
    }

    public async ValueTask<DateTimeOffset?> ConfirmAsync(int bucket, DateTimeOffset claimed, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        var next = StoredTime.ToStoredCeiling(until);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var confirmed = await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE identify_slots SET next_allowed_at = @Next WHERE bucket = @Bucket AND next_allowed_at = @Claimed;",
            new { Bucket = bucket, Next = next, Claimed = StoredTime.ToStored(claimed) },
            write.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return confirmed ? StoredTime.FromStored(next) : null;
    }
}
