using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Opens connections to one database file, each set up the same way. Readers take pooled connections, so opening
/// one per operation is cheap. Writers go through <see cref="BeginWriteAsync"/>: one at a time per file in this
/// process, in arrival order, on one long-lived connection whose prepared statements are kept; SQLite's busy
/// timeout then only arbitrates between processes (a backup, the CLI, a second bot on the same file). Answers take
/// their turns through a <see cref="GroupCommit"/>, which holds the same gate for each transaction it runs.
/// </summary>
internal sealed class SqliteDatabase
{
    // Per file and process: two stores on one file (a reopen, a test) still take turns here rather than in SQLite's busy loop.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string connectionString;
    private readonly string setupSql;
    private readonly SemaphoreSlim writeGate;

    // Pooled connections keep their PRAGMAs; each native handle is set up once, not on every open.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> setUp = new();

    // When this instance last gave the gate up, to measure how long the next queued writer took to start.
    private long lastReleased;

    /// <summary>
    /// A log truncated back to this size once checkpointed and restarted, so one burst does not keep a large file. Above
    /// what the log reaches between restarts (the backstop is about 100 MB): a truncation runs in the writer's commit, and
    /// on a file system mounted with `discard` it waited 12–20 ms for the device at every restart
    /// (bench/STAGES.md, "Open-loop tail, third pass").
    /// </summary>
    internal const long JournalSizeLimitBytes = 128L * 1024 * 1024;

    private readonly bool backgroundCheckpoints;
    private readonly int restartFrames;

    // Reader connections kept open with their compiled statements, for the reads every quiz makes (Read).
    private readonly SqliteReaders readers;

    // Guarded by writeGate.
    private WalCheckpointer? checkpointer;
    private SqliteConnection? writer;
    private PreparedCommands? writerCommands;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        // Before any connection of the process opens: SQLite takes its page-cache buffer only then.
        SqlitePageCache.Apply();
        options.Validate();
        SqliteGlobalConfig.Apply();
        FilePath = System.IO.Path.GetFullPath(options.Path);
        var folder = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        // Per-connection settings; journal_mode=WAL is stored in the file by the migrator.
        var busyMilliseconds = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // The log is checkpointed off the commit path (WalCheckpointer); SQLite's own auto-checkpoint is only the bound.
        // Temporary storage in memory: the savepoint journal of a group commit (GroupCommit) would otherwise spill to a
        // temporary file past 64 KB, a write system call for every page an answer changes.
        // Foreign keys too: set in the connection string, the driver would compile and run that PRAGMA on every pooled open.
        setupSql = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL; "
            + $"PRAGMA wal_autocheckpoint = {options.WalBackstopPages.ToString(CultureInfo.InvariantCulture)}; PRAGMA journal_size_limit = {JournalSizeLimitBytes.ToString(CultureInfo.InvariantCulture)}; PRAGMA temp_store = MEMORY;";
        backgroundCheckpoints = options.BackgroundCheckpoints;
        restartFrames = options.WalRestartFrames;
        writeGate = WriteGates.GetOrAdd(FilePath, _ => new SemaphoreSlim(1, 1));
        readers = new SqliteReaders(Open);
    }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SetUp(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            SetUp(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A reader connection kept with its compiled statements (see <see cref="SqliteReaders"/>); dispose it after the read.</summary>
    public SqliteRead Read() => readers.Rent();

    /// <summary>The kept reader connections (for tests).</summary>
    internal SqliteReaders Readers => readers;

    /// <summary>
    /// Waits for this process's turn to write to the file, then begins an IMMEDIATE transaction (the write lock is
    /// taken at BEGIN, never by upgrading a read). Dispose the write to roll back whatever was not committed.
    /// </summary>
    /// <param name="operation">The store method writing, for <see cref="SqliteWriteMetrics"/>.</param>
    public async Task<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        var requested = Stopwatch.GetTimestamp();
        var waiting = writeGate.WaitAsync(cancellationToken);
        var queued = !waiting.IsCompleted;
        await waiting.ConfigureAwait(false);
        var turn = new WriteTurn(operation, requested, Stopwatch.GetTimestamp());
        if (queued && SqliteWriteMetrics.Enabled)
        {
            SqliteWriteMetrics.RecordHandoff(FilePath, operation, Volatile.Read(ref lastReleased), turn.Acquired);
        }

        try
        {
            if (writer is null)
            {
                writer = Open();
                writerCommands = new PreparedCommands(writer);
            }

            if (backgroundCheckpoints)
            {
                checkpointer ??= new WalCheckpointer(this, restartFrames);
            }

            return new SqliteWrite(this, writer, writer.BeginTransaction(deferred: false), writerCommands!, turn);
        }
        catch
        {
            CloseWriter();
            writeGate.Release();
            throw;
        }
    }

    /// <summary>The background checkpointer, once a write started it (for tests).</summary>
    internal WalCheckpointer? Checkpointer => checkpointer;

    /// <summary>Closes this file's pooled connections and its writer, so the file can be moved, copied or deleted.</summary>
    public void ReleasePooledConnections()
    {
        writeGate.Wait();
        try
        {
            CloseWriter();
            checkpointer?.Dispose();
            checkpointer = null;
        }
        finally
        {
            writeGate.Release();
        }

        readers.Clear();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Ends a write: gives the turn to the next writer; a failed write also drops the connection, so the next one starts clean.</summary>
    internal void EndWrite(bool failed, WriteTurn turn, int commits)
    {
        if (failed)
        {
            CloseWriter();
        }

        if (commits > 0)
        {
            checkpointer?.Committed();
            if (!failed && checkpointer?.TakeFinishDue() == true)
            {
                FinishCheckpoint();
            }
        }

        var released = Stopwatch.GetTimestamp();
        Volatile.Write(ref lastReleased, released);
        writeGate.Release();
        if (SqliteWriteMetrics.Enabled)
        {
            SqliteWriteMetrics.RecordTurn(FilePath, turn.Operation, turn.Requested, turn.Acquired, released, commits);
        }
    }

    /// <summary>
    /// Finishes what the background checkpointer's last pass left (the frames committed while it ran), on the writer
    /// connection with the gate held, so no commit lands in between: SQLite then syncs the database file and the next
    /// write restarts the log at its start. The callers of the write that just committed already have their answer.
    /// A pass that cannot finish (a reader on an old snapshot, another process checkpointing) is left to the next one.
    /// </summary>
    private void FinishCheckpoint()
    {
        SQLitePCL.raw.sqlite3_wal_checkpoint_v2(writer!.Handle, "main", SQLitePCL.raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
    }

    private void SetUp(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        if (setUp.TryGetValue(handle, out _))
        {
            return;
        }

        using var setup = connection.CreateCommand();
        setup.CommandText = setupSql;
        setup.ExecuteNonQuery();
        setUp.AddOrUpdate(handle, this);
    }

    /// <summary>One turn at the write gate: who wrote, when it asked, when it got the gate (<see cref="Stopwatch"/> timestamps).</summary>
    internal readonly record struct WriteTurn(string Operation, long Requested, long Acquired);

    private void CloseWriter()
    {
        writerCommands?.Dispose();
        writer?.Dispose();
        writerCommands = null;
        writer = null;
    }
}
