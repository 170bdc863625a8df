using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Reader connections kept open with their compiled statements, for the reads every quiz makes (its start, the rank at
/// its end, /stats, /leaderboard). A command made per call is compiled per call, and compiling those few statements cost
/// more than running them: a third of the reads' CPU under the quiz load (bench/STAGES.md, "Managed path, second pass").
/// At most <see cref="Kept"/> connections are kept; a read beyond them opens one as before and closes it after.
/// </summary>
internal sealed class SqliteReaders(Func<SqliteConnection> open)
{
    private readonly Lock gate = new();
    private readonly Stack<ReaderConnection> idle = new();

    // Bumped by Clear: a read that was out while the connections were released closes its connection when it returns.
    private int generation;

    /// <summary>How many idle connections are kept: about the reads in flight at once on this machine's cores.</summary>
    public static int Kept { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>Idle connections kept now (for tests).</summary>
    internal int IdleCount
    {
        get
        {
            lock (gate)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>A kept connection (or a new one) for one read; dispose the read to give it back.</summary>
    public SqliteRead Rent()
    {
        int current;
        lock (gate)
        {
            if (idle.TryPop(out var kept))
            {
                return new SqliteRead(this, kept);
            }

            current = generation;
        }

        var connection = open();
        return new SqliteRead(this, new ReaderConnection(connection, new PreparedCommands(connection), current));
    }

    /// <summary>Closes every idle connection; those out now are closed when they come back.</summary>
    public void Clear()
    {
        ReaderConnection[] closing;
        lock (gate)
        {
            generation++;
            closing = [.. idle];
            idle.Clear();
        }

        foreach (var reader in closing)
        {
            reader.Close();
        }
    }

    internal void Return(ReaderConnection reader, bool usable)
    {
        lock (gate)
        {
            if (usable && reader.Generation == generation && idle.Count < Kept)
            {
                idle.Push(reader);
                return;
            }
        }

        reader.Close();
    }
}

/// <summary>A kept reader connection and the statements compiled on it.</summary>
internal sealed record ReaderConnection(SqliteConnection Connection, PreparedCommands Commands, int Generation)
{
    public void Close()
    {
        Commands.Dispose();
        Connection.Dispose();
    }
}

/// <summary>
/// One read on a kept connection: its compiled statements, and an optional snapshot (a deferred read transaction) so
/// that several statements see one state of the file. Not thread-safe; dispose it, once, to give the connection back.
/// </summary>
internal sealed class SqliteRead : IDisposable
{
    private readonly SqliteReaders owner;
    private readonly ReaderConnection reader;
    private SqliteTransaction? snapshot;
    private bool failed;
    private bool returned;

    internal SqliteRead(SqliteReaders owner, ReaderConnection reader)
    {
        this.owner = owner;
        this.reader = reader;
    }

    public SqliteConnection Connection => reader.Connection;

    /// <summary>Reads from here on see one state of the file, until this read is disposed.</summary>
    public void BeginSnapshot() => snapshot ??= Connection.BeginTransaction(deferred: true);

    /// <summary>The compiled command for <paramref name="statement"/> with these parameter values, in order (null for SQL NULL).</summary>
    public SqliteCommand Command(SqlStatement statement, params object?[] values)
    {
        ObjectDisposedException.ThrowIf(returned, this);
        var command = reader.Commands.Get(snapshot, statement);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Runs the statement and returns its first column of its first row, or null for no row or NULL.</summary>
    public object? Scalar(SqlStatement statement, params object?[] values)
    {
        try
        {
            var value = Command(statement, values).ExecuteScalar();
            return value is DBNull ? null : value;
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    /// <summary>Runs the statement and maps each row with <paramref name="map"/>.</summary>
    public List<T> Rows<T>(SqlStatement statement, Func<SqliteDataReader, T> map, params object?[] values)
    {
        try
        {
            using var rows = Command(statement, values).ExecuteReader();
            var list = new List<T>();
            while (rows.Read())
            {
                list.Add(map(rows));
            }

            return list;
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    /// <summary>The first row mapped with <paramref name="map"/>, or the default when there is none.</summary>
    public T? FirstRow<T>(SqlStatement statement, Func<SqliteDataReader, T> map, params object?[] values)
    {
        try
        {
            using var rows = Command(statement, values).ExecuteReader();
            return rows.Read() ? map(rows) : default;
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    public void Dispose()
    {
        if (returned)
        {
            return;
        }

        returned = true;
        var usable = !failed;
        if (snapshot is { } open)
        {
            snapshot = null;
            try
            {
                open.Dispose();
            }
            catch (SqliteException)
            {
                usable = false;
            }
        }

        owner.Return(reader, usable);
    }
}
