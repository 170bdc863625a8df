using Microsoft.Data.Sqlite;

namespace QuizBot.Hosting;

/// <summary>A consistent copy of the live database with SQLite's online backup API (safe while the bot writes).</summary>
public static class DatabaseBackup
{
    /// <summary>Copies <paramref name="sourcePath"/> to <paramref name="destinationPath"/>; returns the problem, or null on success.</summary>
    public static string? Copy(string sourcePath, string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var source = Path.GetFullPath(sourcePath);
        var destination = Path.GetFullPath(destinationPath);
        if (!File.Exists(source))
        {
            return $"There is no database at {source} (Storage:Path).";
        }

        if (string.Equals(source, destination, StringComparison.Ordinal))
        {
            return "The backup file must not be the database itself.";
        }

        if (File.Exists(destination))
        {
            return $"{destination} already exists; choose a new file name (nothing was overwritten).";
        }

        var folder = Path.GetDirectoryName(destination);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var read = new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var write = new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        try
        {
            using var from = new SqliteConnection(read);
            using var to = new SqliteConnection(write);
            from.Open();
            to.Open();

            // The bot may be writing or checkpointing at this moment: wait for its locks instead of failing at once.
            WaitForLocks(from);
            WaitForLocks(to);
            from.BackupDatabase(to);
            return null;
        }
        catch (SqliteException exception)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(destination);
            return $"The backup failed ({exception.Message}); nothing was written to {destination}.";
        }
    }

    private static void WaitForLocks(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 15000;";
        command.ExecuteNonQuery();
    }
}
