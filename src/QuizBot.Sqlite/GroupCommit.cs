using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Writes of one kind that share transactions: whatever is queued when the writer gets its turn at the file's write
/// gate runs in one transaction, each write inside its own SAVEPOINT, and one COMMIT makes them all durable. No timer:
/// an idle writer runs the first write at once, on the caller's thread; only writes that arrive while a turn is taken
/// or running wait, and they go together at the next turn.
/// <para>
/// Each write is atomic: one that throws is rolled back to its savepoint and only its caller sees the error. No caller
/// learns its outcome before the commit that holds its write; a commit that fails fails every write of its batch, and
/// none of them is stored. A caller that cancels before its turn starts is left out; once its write has run, it waits
/// for the commit.
/// </para>
/// </summary>
internal sealed class GroupCommit(SqliteDatabase database, string operation)
{
    /// <summary>At most this many writes per transaction; more stay queued for the next turn.</summary>
    internal const int MaxBatch = 128;

    private static readonly SqlStatement Savepoint = new("SAVEPOINT grouped_write;");
    private static readonly SqlStatement Release = new("RELEASE grouped_write;");
    private static readonly SqlStatement RollbackTo = new("ROLLBACK TO grouped_write;");

    private readonly Lock sync = new();
    private readonly Queue<Entry> pending = new();
    private bool flushing;

    /// <summary>Queues <paramref name="work"/>; it runs synchronously in its own savepoint, and its task completes after the commit.</summary>
    public Task<T> RunAsync<T>(Func<SqliteWrite, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new Entry<T>(work, cancellationToken);
        bool flush;
        lock (sync)
        {
            pending.Enqueue(entry);
            flush = !flushing;
            flushing = true;
        }

        if (flush)
        {
            // Runs until the queue is empty; it never throws: failures go to the callers.
            _ = FlushAsync();
        }

        return entry.Task;
    }

    private async Task FlushAsync()
    {
        var first = true;
        while (true)
        {
            if (!first)
            {
                // The first turn may run on the caller's thread; later ones must not keep that caller from its reply.
                await Task.Yield();
            }

            first = false;
            var batch = new List<Entry>();
            try
            {
                // Not cancellable: the writes of several callers ride on this turn; each caller can leave before it runs.
                await using var write = await database.BeginWriteAsync(CancellationToken.None, operation).ConfigureAwait(false);
                TakeQueued(batch);
                if (batch.Count > 0)
                {
                    foreach (var entry in batch)
                    {
                        Run(write, entry);
                    }

                    await write.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    if (SqliteWriteMetrics.Enabled)
                    {
                        SqliteWriteMetrics.RecordBatch(database.FilePath, operation, batch.Count);
                    }

                    foreach (var entry in batch)
                    {
                        entry.Complete();
                    }
                }
            }
            catch (Exception exception)
            {
                // Nothing of the batch was committed: every caller in it learns why, including those whose own write ran.
                foreach (var entry in batch)
                {
                    entry.Fail(exception);
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

    /// <summary>Takes the queued writes whose callers are still waiting (every caller may have left: an empty batch).</summary>
    private void TakeQueued(List<Entry> batch)
    {
        lock (sync)
        {
            while (batch.Count < MaxBatch && pending.TryDequeue(out var next))
            {
                if (next.TryStart())
                {
                    batch.Add(next);
                }
            }
        }
    }

    /// <summary>Runs one write in its savepoint; a write that throws is undone alone, unless SQLite ended the whole transaction.</summary>
    private static void Run(SqliteWrite write, Entry entry)
    {
        var handle = write.Connection.Handle!;
        PreparedCommands.Run(write.Command(Savepoint));
        try
        {
            entry.Run(write);

            // Foreign keys declared DEFERRABLE are only checked at COMMIT: one write leaving one broken would fail the batch.
            SQLitePCL.raw.sqlite3_db_status(handle, SQLitePCL.raw.SQLITE_DBSTATUS_DEFERRED_FKS, out var brokenKeys, out _, 0);
            if (brokenKeys > 0)
            {
                throw new InvalidOperationException("The write leaves a foreign key unresolved; it was rolled back.");
            }
        }
        catch (Exception exception)
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
            {
                // Some errors (a full disk, an I/O error) roll back the whole transaction: the batch cannot commit.
                throw;
            }

            PreparedCommands.Run(write.Command(RollbackTo));
            entry.Failed(exception);
        }

        PreparedCommands.Run(write.Command(Release));
    }

    private void FailAll(Exception exception)
    {
        List<Entry> failed;
        lock (sync)
        {
            failed = [.. pending];
            pending.Clear();
            flushing = false;
        }

        foreach (var entry in failed)
        {
            entry.Fail(exception);
        }
    }

    private abstract class Entry
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Left = 2;
        private int state;

        /// <summary>Claims the entry for a turn; false when its caller cancelled first.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref state, Started, Queued) == Queued;

        /// <summary>Leaves the queue if the entry has not started; true when it left.</summary>
        protected bool TryLeave() => Interlocked.CompareExchange(ref state, Left, Queued) == Queued;

        public abstract void Run(SqliteWrite write);

        /// <summary>The write threw and was rolled back to its savepoint; its caller gets the error after the commit.</summary>
        public abstract void Failed(Exception exception);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Entry<T> : Entry
    {
        // Completed after the commit; callers continue on the thread pool, not inside the writer's turn.
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<SqliteWrite, T> work;
        private readonly CancellationTokenRegistration leave;
        private T? result;
        private Exception? error;

        public Entry(Func<SqliteWrite, T> work, CancellationToken cancellationToken)
        {
            this.work = work;
            if (cancellationToken.CanBeCanceled)
            {
                leave = cancellationToken.UnsafeRegister(
                    static (state, token) =>
                    {
                        var entry = (Entry<T>)state!;
                        if (entry.TryLeave())
                        {
                            entry.completion.TrySetCanceled(token);
                        }
                    },
                    this);
            }
        }

        public Task<T> Task => completion.Task;

        public override void Run(SqliteWrite write) => result = work(write);

        public override void Failed(Exception exception) => error = exception;

        public override void Complete()
        {
            leave.Dispose();
            if (error is null)
            {
                completion.TrySetResult(result!);
            }
            else
            {
                completion.TrySetException(error);
            }
        }

        public override void Fail(Exception exception)
        {
            leave.Dispose();
            completion.TrySetException(exception);
        }
    }
}
