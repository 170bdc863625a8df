using Npgsql;

namespace QuizBot.Postgres;

/// <summary>Which PostgreSQL database the bot uses, as an Npgsql connection string.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>Npgsql syntax, e.g. <c>Host=db.internal;Database=quizbot;Username=quizbot;Password=...</c>.</summary>
    public string ConnectionString { get; set; } = "";

    internal NpgsqlConnectionStringBuilder Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("The connection string is empty: give at least Host, Database and Username (Npgsql syntax).", nameof(ConnectionString));
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            // The parser's message may quote the string, password included: say what is wrong, not what was given.
            throw new ArgumentException($"The connection string is not in Npgsql syntax (Host=...;Database=...;Username=...): {exception.GetType().Name}.", nameof(ConnectionString));
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The connection string names no Host.", nameof(ConnectionString));
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("The connection string names no Database: the bot's tables need a database of their own.", nameof(ConnectionString));
        }

        return builder;
    }
}
