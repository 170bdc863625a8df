namespace QuizBot.Sqlite.Tests;

/// <summary>
/// The write-ahead log is checkpointed off the commit path and stays bounded under a write loop: by the background
/// checkpointer, or, if that falls behind, by SQLite's auto-checkpoint at the backstop.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new();

    [Fact]
    public async Task The_background_checkpointer_keeps_the_log_far_below_the_backstop()
    {
        var database = Open(backstopPages: 100_000, background: true);
        for (var round = 0; round < 20; round++)
        {
            // Each round ends with a checkpoint pass that began after its last commit.
            Task checkpointed = null!;
            for (var i = 0; i < WalCheckpointer.WakeEveryCommits; i++)
            {
                if (i == WalCheckpointer.WakeEveryCommits - 1)
                {
                    checkpointed = database.Checkpointer!.NextCheckpointAsync();
                }

                await WriteAsync(database, round * 1_000 + i);
            }

            await checkpointed;
        }

        // 640 transactions went through; the log never held more than two rounds of them at five pages each.
        Assert.InRange(WalBytes(), 1, FramesBytes(2 * WalCheckpointer.WakeEveryCommits * 5));
        database.ReleasePooledConnections();
    }

    [Fact]
    public async Task Without_the_background_checkpointer_the_backstop_bounds_the_log()
    {
        const int backstop = 64;
        var database = Open(backstopPages: backstop, background: false);
        for (var i = 0; i < 2_000; i++)
        {
            await WriteAsync(database, i);
        }

        Assert.Null(database.Checkpointer);
        Assert.InRange(WalBytes(), 1, FramesBytes(backstop + 32));
        database.ReleasePooledConnections();
    }

    [Fact]
    public async Task A_pass_over_a_long_log_is_finished_by_the_next_writer_and_the_log_restarts()
    {
        // Every log counts as long here; the bot's threshold is thousands of frames.
        var database = Open(backstopPages: 100_000, background: true, restartFrames: 1);
        for (var i = 0; i < WalCheckpointer.WakeEveryCommits - 1; i++)
        {
            await WriteAsync(database, i);
        }

        // A reader stays on the snapshot before the round's last commit, as a commit landing during a pass does: the
        // pass copies the log only up to that snapshot, so SQLite leaves the database file unsynced and the log unfinished.
        var pass = database.Checkpointer!.NextCheckpointAsync();
        using (var reader = db.OpenRaw())
        {
            using var snapshot = reader.BeginTransaction(deferred: true);
            using var read = reader.CreateCommand();
            read.Transaction = snapshot;
            read.CommandText = "SELECT count(*) FROM wal_filler;";
            Assert.Equal((long)WalCheckpointer.WakeEveryCommits - 1, (long)read.ExecuteScalar()!);
            await WriteAsync(database, WalCheckpointer.WakeEveryCommits - 1);
            await pass;
        }

        // The next writer finishes the pass with the gate held; the write after it starts the log again from its
        // beginning, so the file stops growing. Without the finishing pass every write appends (until the backstop).
        await WriteAsync(database, 10_000);
        var finished = WalBytes();
        await WriteAsync(database, 10_001);
        await WriteAsync(database, 10_002);
        Assert.Equal(finished, WalBytes());
        database.ReleasePooledConnections();
    }

    [Fact]
    public void The_log_is_truncated_only_above_the_size_the_backstop_lets_it_reach()
    {
        var options = new SqliteStoreOptions { Path = db.FilePath };
        var database = new SqliteDatabase(options);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_size_limit;";
        var limit = (long)command.ExecuteScalar()!;

        // A truncation runs inside a commit; between restarts the log reaches the restart threshold, at most the backstop.
        Assert.Equal(SqliteDatabase.JournalSizeLimitBytes, limit);
        Assert.True(options.WalRestartFrames < options.WalBackstopPages);
        Assert.True(limit > FramesBytes(options.WalBackstopPages + 4 * WalCheckpointer.WakeEveryCommits));
    }

    [Fact]
    public async Task The_database_file_is_synced_through_SQLites_own_file()
    {
        var database = Open(backstopPages: 100_000, background: false);
        await WriteAsync(database, 1);
        using (var connection = database.Open())
        {
            Assert.True(SqliteFileSync.SyncDatabaseFile(connection));
        }

        // An in-memory database has no file to sync.
        using var memory = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        memory.Open();
        Assert.False(SqliteFileSync.SyncDatabaseFile(memory));
        database.ReleasePooledConnections();
    }

    [Fact]
    public async Task Closing_the_store_stops_the_checkpointer_and_a_new_write_starts_another()
    {
        var database = Open(backstopPages: 100_000, background: true);
        await WriteAsync(database, 1);
        var first = database.Checkpointer;
        Assert.NotNull(first);

        database.ReleasePooledConnections();
        Assert.Null(database.Checkpointer);

        await WriteAsync(database, 2);
        Assert.NotNull(database.Checkpointer);
        Assert.NotSame(first, database.Checkpointer);
        database.ReleasePooledConnections();
    }

    public void Dispose() => db.Dispose();

    private SqliteDatabase Open(int backstopPages, bool background, int restartFrames = 16_384)
    {
        // Create and migrate the file, then empty the log, so what the log holds afterwards is this test's writes.
        _ = db.Store;
        db.Current!.Dispose();
        using (var connection = db.OpenRaw())
        using (var truncate = connection.CreateCommand())
        {
            truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            truncate.ExecuteNonQuery();
        }

        return new SqliteDatabase(new SqliteStoreOptions
        {
            Path = db.FilePath,
            WalBackstopPages = backstopPages,
            BackgroundCheckpoints = background,
            WalRestartFrames = restartFrames,
        });
    }

    private static readonly SqlStatement CreateFiller = new("CREATE TABLE IF NOT EXISTS wal_filler (id INTEGER PRIMARY KEY, pad TEXT NOT NULL);");
    private static readonly SqlStatement InsertFiller = new("INSERT INTO wal_filler (id, pad) VALUES ($id, $pad);", "$id", "$pad");
    private static readonly SqlStatement InsertReceipt = new("INSERT INTO interaction_receipts (id, expires_at) VALUES ($id, $expires);", "$id", "$expires");

    /// <summary>One transaction of a few pages: a receipt and a padded row in a table of its own.</summary>
    private static async Task WriteAsync(SqliteDatabase database, int i)
    {
        await using var write = await database.BeginWriteAsync(CancellationToken.None);
        var create = write.Command(CreateFiller);
        create.ExecuteNonQuery();
        PreparedCommands.Run(write.Command(InsertFiller), i, new string('x', 3_000));
        PreparedCommands.Run(
            write.Command(InsertReceipt),
            i,
            StoredTime.ToStored(Now.AddMinutes(15)));
        await write.CommitAsync(CancellationToken.None);
    }

    private long WalBytes() => new FileInfo(db.FilePath + "-wal").Length;

    /// <summary>A WAL file of this many frames (a header, then a frame header and a page each).</summary>
    private long FramesBytes(int frames)
    {
        using var connection = db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        var pageSize = (long)command.ExecuteScalar()!;
        return 32 + frames * (24 + pageSize);
    }
}
