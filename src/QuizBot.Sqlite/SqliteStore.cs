using QuizBot.Sqlite.Migrations;

namespace QuizBot.Sqlite;

/// <summary>
/// The bot's SQLite database: opening it creates the folder and file if needed and applies pending migrations;
/// the four ports are its properties. One instance per file; it is safe to share between threads.
/// Disposing closes the pooled connections so the file can be copied or deleted.
/// </summary>
public sealed partial class SqliteStore : IDisposable
{
    private readonly SqliteDatabase database;

    private SqliteStore(SqliteDatabase database)
    {
        this.database = database;
        Quizzes = new SqliteQuizStore(database);
        Study = new SqliteStudyStore(database);
        Stats = new SqlitePlayerStatsQuery(database);
        Guilds = new SqliteGuildStore(database);
        Trivia = new SqliteTriviaStore(database);
        Receipts = new SqliteInteractionReceiptStore(database);
        IdentifySlots = new SqliteIdentifySlotStore(database);
    }

    /// <summary>The newest schema version this build writes.</summary>
    public static int LatestSchemaVersion => SchemaMigrator.LatestVersion;

    /// <summary>The full path of the database file.</summary>
    public string FilePath => database.FilePath;

    public SqliteQuizStore Quizzes { get; }

    public SqliteStudyStore Study { get; }

    public SqlitePlayerStatsQuery Stats { get; }

    public SqliteGuildStore Guilds { get; }

    public Core.Trivia.ITriviaStore Trivia { get; }

    public SqliteInteractionReceiptStore Receipts { get; }

    public SqliteIdentifySlotStore IdentifySlots { get; }

    public static SqliteStore Open(string path) => Open(new SqliteStoreOptions { Path = path });

    /// <summary>Opens (creating if needed) and migrates the database. Throws if the file has a newer schema than this build.</summary>
    public static SqliteStore Open(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new SqliteDatabase(options);
        try
        {
            using var connection = database.Open();
            SchemaMigrator.Migrate(connection);
        }
        catch
        {
            database.ReleasePooledConnections();
            throw;
        }

        return new SqliteStore(database);
    }

    public void Dispose() => database.ReleasePooledConnections();
}
