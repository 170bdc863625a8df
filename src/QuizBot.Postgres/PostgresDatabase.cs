using System.Data;
using Npgsql;

namespace QuizBot.Postgres;

/// <summary>
/// Opens pooled connections to one PostgreSQL database and runs short transactions on them. A transaction that
/// PostgreSQL aborts because another one won a race it must lose (a serialization failure or a deadlock) has
/// changed nothing, so it is run again, a few times at most.
/// </summary>
internal sealed class PostgresDatabase : IDisposable
{
    private const int Attempts = 5;

    private readonly NpgsqlDataSource dataSource;

    public PostgresDatabase(PostgresStoreOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.Validate().ConnectionString);

        // Every statement here is a fixed text run many times: let Npgsql prepare them per connection.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        Target = $"{builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}/{builder.ConnectionStringBuilder.Database}";
        dataSource = builder.Build();
    }

    /// <summary>Host, port and database, without credentials (for logs and messages).</summary>
    public string Target { get; }

    public NpgsqlConnection Open() => dataSource.OpenConnection();

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it, again if PostgreSQL aborted it for a race.</summary>
    public async Task<T> InTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                return result;
            }
            catch (PostgresException exception) when (attempt < Attempts && exception.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                // Rolled back by disposing; the next attempt sees what the winner committed.
            }
        }
    }

    public void Dispose() => dataSource.Dispose();
}
