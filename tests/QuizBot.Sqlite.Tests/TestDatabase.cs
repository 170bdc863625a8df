using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite.Tests;

/// <summary>A store on a fresh temporary file; the file and its WAL companions are deleted on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "quizbot-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "nested", "quizbot.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public SqliteStore? Current { get; private set; }

    public SqliteStore Store => Current ??= SqliteStore.Open(FilePath);

    /// <summary>Disposes the open store (as a shutdown would) and opens the same file again.</summary>
    public SqliteStore Reopen()
    {
        Current?.Dispose();
        Current = SqliteStore.Open(FilePath);
        return Current;
    }

    /// <summary>A raw connection to the same file, for checking what is really stored.</summary>
    public SqliteConnection OpenRaw()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);

        // As in the bot, SQLite's process-wide settings come before any connection, even a test's own.
        SqliteGlobalConfig.Apply();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        Current?.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
