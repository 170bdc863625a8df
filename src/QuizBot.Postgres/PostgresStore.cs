using QuizBot.Postgres.Migrations;

namespace QuizBot.Postgres;

/// <summary>
/// The bot's PostgreSQL database: opening it connects, applies pending migrations (once, however many instances
/// start together) and exposes the storage ports as properties. One instance per process; safe to share between
/// threads. Disposing closes the pooled connections.
/// </summary>
public sealed class PostgresStore : IDisposable
{
    private readonly PostgresDatabase database;

    private PostgresStore(PostgresDatabase database)
    {
        this.database = database;
        Quizzes = new PostgresQuizStore(database);
        Study = new PostgresStudyStore(database);
        Stats = new PostgresPlayerStatsQuery(database);
        Progress = new PostgresPlayerProgressQuery(database);
        Guilds = new PostgresGuildStore(database);
        Trivia = new PostgresTriviaStore(database);
        Receipts = new PostgresInteractionReceiptStore(database);
        IdentifySlots = new PostgresIdentifySlotStore(database);
    }

    /// <summary>The newest schema version this build writes.</summary>
    public static int LatestSchemaVersion => PostgresSchemaMigrator.LatestVersion;

    /// <summary>Host, port and database, without credentials.</summary>
    public string Target => database.Target;

    public PostgresQuizStore Quizzes { get; }

    public PostgresStudyStore Study { get; }

    public PostgresPlayerStatsQuery Stats { get; }

    public PostgresPlayerProgressQuery Progress { get; }

    public PostgresGuildStore Guilds { get; }

    public Core.Trivia.ITriviaStore Trivia { get; }

    public PostgresInteractionReceiptStore Receipts { get; }

    public PostgresIdentifySlotStore IdentifySlots { get; }

    internal PostgresDatabase Database => database;

    public static PostgresStore Open(string connectionString) => Open(new PostgresStoreOptions { ConnectionString = connectionString });

    /// <summary>
    /// Connects and migrates. Throws <see cref="ArgumentException"/> for a malformed connection string,
    /// <see cref="Npgsql.NpgsqlException"/> when the server cannot be reached or refuses the login, and
    /// <see cref="InvalidOperationException"/> when the database has a newer schema than this build.
    /// </summary>
    public static PostgresStore Open(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new PostgresDatabase(options);
        try
        {
            using var connection = database.Open();
            PostgresSchemaMigrator.Migrate(connection);
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return new PostgresStore(database);
    }

    public void Dispose() => database.Dispose();
}
