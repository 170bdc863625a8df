using System.Data;
using SQLitePCL;

namespace QuizBot.Sqlite.Tests;

/// <summary>The kept reader connections (<see cref="SqliteReaders"/>): compiled once, given back clean, never leaked.</summary>
public sealed class SqliteReadersTests : IDisposable
{
    private static readonly SqlStatement CountReceipts = new("SELECT COUNT(*) FROM interaction_receipts WHERE expires_at >= $from;", "$from");
    private static readonly SqlStatement MissingTable = new("SELECT COUNT(*) FROM no_such_table;");

    private readonly TestDatabase db = new();
    private readonly SqliteDatabase database;

    public SqliteReadersTests()
    {
        // Create and migrate the file first, then read it through a database of the test's own.
        _ = db.Store;
        db.Current!.Dispose();
        database = new SqliteDatabase(new SqliteStoreOptions { Path = db.FilePath });
    }

    public void Dispose()
    {
        database.ReleasePooledConnections();
        db.Dispose();
    }

    [Fact]
    public void A_second_read_gets_the_same_connection_and_the_statement_compiled_by_the_first()
    {
        Microsoft.Data.Sqlite.SqliteConnection connection;
        Microsoft.Data.Sqlite.SqliteCommand command;
        using (var first = database.Read())
        {
            Assert.Equal(0L, first.Scalar(CountReceipts, 0L));
            (connection, command) = (first.Connection, first.Command(CountReceipts, 0L));
        }

        Assert.Equal(1, database.Readers.IdleCount);
        using var second = database.Read();
        Assert.Same(connection, second.Connection);
        Assert.Same(command, second.Command(CountReceipts, 0L));
        Assert.Equal(0, database.Readers.IdleCount);
    }

    [Fact]
    public void A_connection_given_back_twice_over_is_still_given_back_by_its_next_user()
    {
        Microsoft.Data.Sqlite.SqliteConnection connection;
        var first = database.Read();
        connection = first.Connection;
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, database.Readers.IdleCount);

        for (var i = 0; i < 3; i++)
        {
            var again = database.Read();
            Assert.Same(connection, again.Connection);
            again.BeginSnapshot();
            Assert.Equal(0L, again.Scalar(CountReceipts, 0L));
            again.Dispose();

            // Back in the pool and out of its snapshot, every time: a read left out would hold the log from checkpoints.
            Assert.Equal(1, database.Readers.IdleCount);
            Assert.Equal(1, raw.sqlite3_get_autocommit(connection.Handle));
        }

        Assert.Throws<ObjectDisposedException>(() => first.Command(CountReceipts, 0L));
    }

    [Fact]
    public void Connections_beyond_the_kept_number_are_closed_when_they_come_back()
    {
        var reads = Enumerable.Range(0, SqliteReaders.Kept + 1).Select(_ => database.Read()).ToList();
        Assert.Equal(reads.Count, reads.Select(r => r.Connection).Distinct().Count());
        foreach (var read in reads)
        {
            read.Dispose();
        }

        Assert.Equal(SqliteReaders.Kept, database.Readers.IdleCount);
        Assert.Equal(ConnectionState.Closed, reads[^1].Connection.State);
        Assert.All(reads.Take(SqliteReaders.Kept), r => Assert.Equal(ConnectionState.Open, r.Connection.State));
    }

    [Fact]
    public void A_read_whose_statement_failed_is_closed_not_kept()
    {
        var read = database.Read();
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => read.Scalar(MissingTable));
        read.Dispose();
        read.Dispose();

        Assert.Equal(0, database.Readers.IdleCount);
        Assert.Equal(ConnectionState.Closed, read.Connection.State);
    }

    [Fact]
    public void Releasing_the_file_closes_idle_connections_and_those_out_close_when_they_return()
    {
        var idle = database.Read();
        var busy = database.Read();
        idle.Dispose();
        Assert.Equal(1, database.Readers.IdleCount);

        database.ReleasePooledConnections();
        Assert.Equal(ConnectionState.Closed, idle.Connection.State);
        Assert.Equal(0, database.Readers.IdleCount);

        // Out while the file was released: it must not come back into the pool and hold the file open.
        busy.Dispose();
        Assert.Equal(ConnectionState.Closed, busy.Connection.State);
        Assert.Equal(0, database.Readers.IdleCount);

        using var next = database.Read();
        Assert.NotSame(busy.Connection, next.Connection);
        Assert.Equal(0L, next.Scalar(CountReceipts, 0L));
    }

    [Fact]
    public async Task A_snapshot_sees_one_state_of_the_file_and_ends_with_the_read()
    {
        Microsoft.Data.Sqlite.SqliteConnection connection;
        using (var read = database.Read())
        {
            read.BeginSnapshot();
            Assert.Equal(0L, read.Scalar(CountReceipts, 0L));
            await InsertReceiptAsync(1);
            Assert.Equal(0L, read.Scalar(CountReceipts, 0L));
            connection = read.Connection;
        }

        using var after = database.Read();
        Assert.Same(connection, after.Connection);

        // The kept connection holds no read transaction between reads (it would stop checkpoints), and sees the write.
        Assert.Equal(1, raw.sqlite3_get_autocommit(after.Connection.Handle));
        Assert.Equal(1L, after.Scalar(CountReceipts, 0L));
    }

    [Fact]
    public async Task A_kept_connection_between_reads_never_holds_the_log_from_a_checkpoint()
    {
        await InsertReceiptAsync(1);
        using (var read = database.Read())
        {
            // Each way of reading leaves a stepped statement behind unless it is reset.
            Assert.Equal(1L, read.Scalar(CountReceipts, 0L));
            Assert.Equal([1L], read.Rows(CountReceipts, r => r.GetInt64(0), 0L));
            Assert.Equal(1L, read.FirstRow(CountReceipts, r => r.GetInt64(0), 0L));
        }

        using (var snapshot = database.Read())
        {
            snapshot.BeginSnapshot();
            Assert.Equal(1L, snapshot.Scalar(CountReceipts, 0L));
        }

        // Written after those reads: a reader still in its snapshot would stop the checkpoint short of these frames.
        await InsertReceiptAsync(2);
        Assert.Equal(1, database.Readers.IdleCount);
        using var checker = db.OpenRaw();
        using var checkpoint = checker.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0));
        Assert.True(result.GetInt64(1) > 0);
        Assert.Equal(result.GetInt64(1), result.GetInt64(2));
    }

    private async Task InsertReceiptAsync(long id)
    {
        await using var write = await database.BeginWriteAsync(CancellationToken.None);
        using var insert = write.Connection.CreateCommand();
        insert.Transaction = write.Transaction;
        insert.CommandText = "INSERT INTO interaction_receipts (id, expires_at) VALUES ($id, $expires);";
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$expires", 10L);
        insert.ExecuteNonQuery();
        await write.CommitAsync(CancellationToken.None);
    }
}
