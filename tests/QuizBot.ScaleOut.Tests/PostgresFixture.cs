using Npgsql;
using QuizBot.Postgres.Testing;

[assembly: AssemblyFixture(typeof(QuizBot.ScaleOut.Tests.PostgresFixture))]

namespace QuizBot.ScaleOut.Tests;

/// <summary>One throwaway PostgreSQL server for the assembly; each test gets a new database, dropped after it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async ValueTask InitializeAsync() => server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A new empty database; the first bot instance to start migrates it.</summary>
    public async Task<SharedDatabase> NewDatabaseAsync() => new(Server, await Server.CreateDatabaseAsync());
}

/// <summary>The database the instances of one test share, with raw connections for checking what they stored.</summary>
public sealed class SharedDatabase(PostgresServer server, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync() => await server.DropDatabaseAsync(ConnectionString);
}
