using Microsoft.Data.Sqlite;
using QuizBot.Core.Threading;

namespace QuizBot.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so no commit pays for it. SQLite's
/// own auto-checkpoint runs inside the commit that crosses its threshold, with the file's write gate held, and its
/// fsyncs took about 100 ms on a busy machine (bench/STAGES.md, "Write path"): every write in the process waited.
/// Here the writers only count commits and wake this thread every <see cref="WakeEveryCommits"/>; it runs a PASSIVE
/// checkpoint on its own connection, which never blocks readers or writers. SQLite's auto-checkpoint stays on at a
/// much higher threshold (<see cref="SqliteStoreOptions.WalBackstopPages"/>) as the bound, should this thread fall behind.
/// The thread runs at a lower CPU priority (<see cref="BackgroundPriority"/>): a pass may wait while interactions are
/// answered, and a passive checkpoint holds nothing a writer or a reader waits for.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    // Each pass copies every page changed since the last one once, however often it changed: the hot pages (the answers'
    // tail, totals, rollups, buckets) are copied once per pass, so fewer passes copy less (bench/STAGES.md, "Writer
    // (writes)": 5.7 → 3.4 database writes per answered question from 32 to 128). Under the quiz load 128 commits are
    // about 3,000–4,500 frames, a 12–18 MB log, well under the backstop (WalBackstopPages).
    public const int WakeEveryCommits = 128;

    private readonly SqliteDatabase database;
    private readonly AutoResetEvent wake = new(initialState: false);
    private readonly Thread thread;
    private readonly Lock sync = new();
    private TaskCompletionSource nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;
    private int commits;
    private int threadId;

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

    /// <summary>The kernel's id of the checkpointing thread, once it has started (0 before); for tests.</summary>
    internal int ThreadId => Volatile.Read(ref threadId);

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
        BackgroundPriority.LowerCurrentThread();
        Volatile.Write(ref threadId, BackgroundPriority.CurrentThreadId() ?? 0);
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
