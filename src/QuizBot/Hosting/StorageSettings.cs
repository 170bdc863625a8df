using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using QuizBot.Core.Ports;
using QuizBot.Postgres;
using QuizBot.Sqlite;

namespace QuizBot.Hosting;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which store the bot keeps its state in: the SQLite file at Storage:Path (the default, one process), or the
/// PostgreSQL database of Storage:ConnectionString (several instances sharing one database).
/// </summary>
public sealed record StorageSettings(StorageProvider Provider, string SqlitePath, string? ConnectionString)
{
    public const string ProviderKey = "Storage:Provider";
    public const string ConnectionStringKey = "Storage:ConnectionString";

    /// <summary>Reads and checks the storage settings; on failure <paramref name="error"/> is the one line to print.</summary>
    public static StorageSettings? Read(IConfiguration configuration, string sqlitePath, out string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        error = "";
        var providerText = configuration[ProviderKey]?.Trim() ?? "";
        var connectionString = configuration[ConnectionStringKey];
        var hasConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        if (providerText.Length == 0 || providerText.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (hasConnectionString)
            {
                error = $"{ConnectionStringKey} is set but {ProviderKey} is sqlite: set {BotSettings.EnvName(ProviderKey)}=postgres to use PostgreSQL, or remove the connection string.";
                return null;
            }

            return new StorageSettings(StorageProvider.Sqlite, sqlitePath, null);
        }

        if (!providerText.Equals("postgres", StringComparison.OrdinalIgnoreCase) && !providerText.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            error = $"{ProviderKey} must be 'sqlite' or 'postgres', not '{providerText}'. Check {BotSettings.EnvName(ProviderKey)}.";
            return null;
        }

        if (!hasConnectionString)
        {
            error = $"{ConnectionStringKey} is not set. With {ProviderKey}=postgres, set {BotSettings.EnvName(ConnectionStringKey)} "
                + "(Npgsql syntax, e.g. Host=db;Database=quizbot;Username=quizbot;Password=...).";
            return null;
        }

        return new StorageSettings(StorageProvider.Postgres, sqlitePath, connectionString!.Trim());
    }

    /// <summary>
    /// What `quizbot backup` should say when the bot's state is in PostgreSQL, where the SQLite backup cannot help;
    /// null when the store is SQLite.
    /// </summary>
    public static string? BackupAdvice(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey]?.Trim() ?? "";
        return provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? $"{ProviderKey} is postgres: back up the database with PostgreSQL's own tools, e.g. "
                + "pg_dump --format=custom --file=quizbot.dump --dbname=\"postgresql://USER@HOST/DATABASE\" (restore with pg_restore). "
                + "`quizbot backup` copies the SQLite file only."
            : null;
    }

    /// <summary>The store's place, without credentials, for logs and messages.</summary>
    public string Description
    {
        get
        {
            if (Provider == StorageProvider.Sqlite)
            {
                return SqlitePath;
            }

            try
            {
                var parts = new NpgsqlConnectionStringBuilder(ConnectionString);
                return $"postgres://{parts.Host}:{parts.Port}/{parts.Database}";
            }
            catch (ArgumentException)
            {
                return "postgres (connection string not in Npgsql syntax)";
            }
        }
    }

    /// <summary>
    /// Registers the chosen store as every storage port. The SQLite registration that AddQuizBot makes is removed
    /// for PostgreSQL, so a port this store does not provide fails loudly instead of quietly using a local file.
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Provider == StorageProvider.Sqlite)
        {
            return;
        }

        services.RemoveAll<SqliteStore>();
        services.AddPostgresStore(ConnectionString!);

        // Readiness probes the database the bot uses, not a SQLite file that does not exist (a probe that never passes
        // keeps every instance out of its load balancer).
        var check = ServiceDescriptor.Singleton<IReadinessCheck>(new PostgresReadiness(ConnectionString!));
        var sqliteCheck = services.FirstOrDefault(d => d.ServiceType == typeof(IReadinessCheck) && d.ImplementationInstance is DatabaseReadiness);
        if (sqliteCheck is null)
        {
            services.Add(check);
        }
        else
        {
            services[services.IndexOf(sqliteCheck)] = check;
        }
    }

    /// <summary>Opens (and migrates) the store now, so a bad setting stops the start; the one line naming it, or null.</summary>
    public string? OpenAtStart(IServiceProvider services)
    {
        try
        {
            _ = Provider == StorageProvider.Sqlite ? (object)services.GetRequiredService<SqliteStore>() : services.GetRequiredService<PostgresStore>();
            _ = services.GetRequiredService<IQuizStore>();
            return null;
        }
        catch (Exception exception) when (Provider == StorageProvider.Sqlite
            && exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return $"{BotSettings.StoragePathKey} '{SqlitePath}' cannot be used: {exception.Message}";
        }
        catch (Exception exception) when (Provider == StorageProvider.Postgres
            && exception is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            // Npgsql's messages name the host and the reason, never the password.
            return $"{ConnectionStringKey} cannot be used ({Description}): {exception.Message.ReplaceLineEndings(" ")}";
        }
    }
}
