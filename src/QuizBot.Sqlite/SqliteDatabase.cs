using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Opens connections to one database file, each set up the same way. Connections are pooled, so opening one
/// per operation is cheap; SQLite serialises writers and the busy timeout makes a second writer wait, not fail.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string connectionString;
    private readonly string setupSql;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        options.Validate();
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
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        // Per-connection settings; journal_mode=WAL is stored in the file by the migrator.
        var busyMilliseconds = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        setupSql = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL;";
    }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = setupSql;
            setup.ExecuteNonQuery();
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
            await using var setup = connection.CreateCommand();
            setup.CommandText = setupSql;
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes this file's pooled connections so the file can be moved, copied or deleted.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
