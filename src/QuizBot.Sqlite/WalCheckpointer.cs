using Microsoft.Data.Sqlite;
using QuizBot.Core.Threading;

namespace QuizBot.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so no commit pays for it. SQLite's
/// own auto-checkpoint runs inside the commit that crosses its threshold, with the file's write gate held, and its
/// fsyncs took about 100 ms on a busy machine (bench/STAGES.md, "Write path"): every write in the process waited.
/// Here the writers only count commits and wake this thread every <see cref="WakeEveryCommits"/>; it runs a PASSIVE
/// checkpoint on its own connection, which never blocks readers or writers. Once the log is long, the next writer
/// finishes a pass with the gate held, on the few frames left, so the log restarts (<see cref="TakeFinishDue"/>). SQLite's auto-checkpoint
/// stays on at a much higher threshold (<see cref="SqliteStoreOptions.WalBackstopPages"/>) as the bound, should this
/// thread fall behind.
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
    private readonly int restartFrames;
    private int finishDue;
    private int threadId;

    public WalCheckpointer(SqliteDatabase database, int restartFrames)
    {
        this.database = database;
        this.restartFrames = restartFrames;
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

    /// <summary>
    /// True once after a pass that left a long log for a writer to finish (<see cref="Pass"/>): the writer then runs
    /// the short last pass with the gate held, so the next write restarts the log.
    /// </summary>
    public bool TakeFinishDue() => Interlocked.Exchange(ref finishDue, 0) == 1;

    /// <summary>
    /// One pass over the log without the write gate. Under steady writes SQLite never finishes one: it copies the frames
    /// committed before the pass began and syncs the database file only if no commit came meanwhile, so the log never
    /// restarted and grew until the auto-checkpoint backstop ran inside a commit, gate held: about 40 ms of fsyncs and a
    /// truncation every second at 500 interactions/s (bench/STAGES.md, "Open-loop tail, third pass"). So once the log
    /// is past <see cref="SqliteStoreOptions.WalRestartFrames"/>, this thread does the slow part here, off the gate: it flushes the pages it
    /// copied to the database file, copies what was committed meanwhile and flushes again, then asks the next writer to
    /// finish. What is left for the gate is the frames of the last few milliseconds and the flushes SQLite must do there.
    /// </summary>
    private void Pass(SqliteConnection connection)
    {
        var result = Checkpoint(connection, out var logFrames);
        if (result != SQLitePCL.raw.SQLITE_OK || logFrames < restartFrames)
        {
            return;
        }

        if (SqliteFileSync.SyncDatabaseFile(connection)
            && Checkpoint(connection, out _) == SQLitePCL.raw.SQLITE_OK
            && SqliteFileSync.SyncDatabaseFile(connection))
        {
            Volatile.Write(ref finishDue, 1);
        }
    }

    private static int Checkpoint(SqliteConnection connection, out int logFrames) =>
        SQLitePCL.raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", SQLitePCL.raw.SQLITE_CHECKPOINT_PASSIVE, out logFrames, out _);

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
                    Pass(connection);
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
