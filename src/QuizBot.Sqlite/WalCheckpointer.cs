using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so no commit pays for it. SQLite's
/// own auto-checkpoint runs inside the commit that crosses its threshold, with the file's write gate held, and its
/// fsyncs took about 100 ms on a busy machine (bench/STAGES.md, "Write path"): every write in the process waited.
/// Here the writers only count commits and wake this thread every <see cref="WakeEveryCommits"/>; it runs a PASSIVE
/// checkpoint on its own connection, which never blocks readers or writers. SQLite's auto-checkpoint stays on at a
/// much higher threshold (<see cref="SqliteStoreOptions.WalBackstopPages"/>) as the bound, should this thread fall behind.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    public const int WakeEveryCommits = 32;

    private readonly SqliteDatabase database;
    private readonly AutoResetEvent wake = new(initialState: false);
    private readonly Thread thread;
    private readonly Lock sync = new();
    private TaskCompletionSource nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;
    private int commits;

    public WalCheckpointer(SqliteDatabase database)
    {
        this.database = database;
        thread = new Thread(Run) { IsBackground = true, Name = "SQLite WAL checkpointer" };
        thread.Start();
    }

    /// <summary>Called by the writer after each commit, with the write gate held.</summary>
    public void Committed()
    {
        if (++commits >= WakeEveryCommits)
        {
            commits = 0;
            wake.Set();
        }
    }

    /// <summary>Completes when the next checkpoint pass has finished (for tests: an explicit signal, not a sleep).</summary>
    public Task NextCheckpointAsync()
    {
        lock (sync)
        {
            return nextCheckpoint.Task;
        }
    }

    /// <summary>Stops the thread after the pass it may be running; the database closing checkpoints what is left.</summary>
    public void Dispose()
    {
        stopping = true;
        wake.Set();
        thread.Join();
        wake.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                wake.WaitOne();
                if (stopping)
                {
                    return;
                }

                try
                {
                    connection ??= database.Open();
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // Nothing is lost: the log stays until the next pass, and the auto-checkpoint backstop bounds it.
                    connection?.Dispose();
                    connection = null;
                }

                TaskCompletionSource done;
                lock (sync)
                {
                    done = nextCheckpoint;
                    nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                done.TrySetResult();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
