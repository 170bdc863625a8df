using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>
/// Interaction receipts in the database file, so every process sharing it agrees on which ids were taken.
/// Receipts asked for while another write holds the file's gate are committed together, in one transaction at the
/// next turn (group commit): under load most interactions would otherwise queue for the gate twice, once for the
/// receipt and once for their own write. Each caller still learns only once its receipt is committed.
/// </summary>
public sealed class SqliteInteractionReceiptStore : IInteractionReceiptStore
{
    /// <summary>At most this many receipts per transaction; more stay queued for the next turn.</summary>
    internal const int MaxBatch = 256;

    private const string InsertSql = """
        INSERT INTO interaction_receipts (id, expires_at) VALUES ($id, $expires)
        ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
        WHERE interaction_receipts.expires_at <= $now;
        """;

    private readonly SqliteDatabase database;
    private readonly Lock sync = new();
    private readonly Queue<Pending> pending = new();
    private bool flushing;

    internal SqliteInteractionReceiptStore(SqliteDatabase database) => this.database = database;

    public ValueTask<bool> TryRecordAsync(ulong interactionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var receipt = new Pending(unchecked((long)interactionId), StoredTime.ToStored(expiresAt), StoredTime.ToStored(now));
        bool flush;
        lock (sync)
        {
            pending.Enqueue(receipt);
            flush = !flushing;
            flushing = true;
        }

        if (flush)
        {
            // Runs until the queue is empty; whoever arrives meanwhile rides along. It never throws: failures go to the callers.
            _ = FlushAsync();
        }

        return new ValueTask<bool>(receipt.Taken.Task.WaitAsync(cancellationToken));
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

    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            try
            {
                // Not cancellable: the receipts of several callers ride on this turn; each caller can stop waiting on its own.
                await using var write = await database.BeginWriteAsync(CancellationToken.None, nameof(TryRecordAsync)).ConfigureAwait(false);
                lock (sync)
                {
                    while (batch.Count < MaxBatch && pending.TryDequeue(out var next))
                    {
                        batch.Add(next);
                    }
                }

                // One statement per receipt: a new id inserts, an expired receipt is renewed, a live one makes no change
                // (0 rows), so of two deliveries of one id in the same batch only the first is taken.
                var insert = write.Command(InsertSql, "$id", "$expires", "$now");
                var taken = new bool[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    taken[i] = PreparedCommands.Run(insert, batch[i].Id, batch[i].ExpiresAt, batch[i].Now) == 1;
                }

                await write.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Taken.TrySetResult(taken[i]);
                }
            }
            catch (Exception exception)
            {
                // Nothing of the batch was committed; its callers learn why (the dispatcher then handles the interaction anyway).
                foreach (var receipt in batch)
                {
                    receipt.Taken.TrySetException(exception);
                }

                if (batch.Count == 0)
                {
                    // The turn itself failed (the file could not be opened): fail whoever waits, rather than retry in a loop.
                    FailAll(exception);
                    return;
                }
            }

            lock (sync)
            {
                if (pending.Count == 0)
                {
                    flushing = false;
                    return;
                }
            }
        }
    }

    private void FailAll(Exception exception)
    {
        List<Pending> failed;
        lock (sync)
        {
            failed = [.. pending];
            pending.Clear();
            flushing = false;
        }

        foreach (var receipt in failed)
        {
            receipt.Taken.TrySetException(exception);
        }
    }

    private sealed class Pending(long id, long expiresAt, long now)
    {
        public long Id { get; } = id;

        public long ExpiresAt { get; } = expiresAt;

        public long Now { get; } = now;

        // Completed after the commit; callers continue on the thread pool, not inside the writer's turn.
        public TaskCompletionSource<bool> Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
