using Npgsql;
using QuizBot.Postgres.Testing;

[assembly: AssemblyFixture(typeof(QuizBot.Postgres.Tests.PostgresFixture))]

namespace QuizBot.Postgres.Tests;

/// <summary>One throwaway PostgreSQL server for the whole test assembly; every test gets databases of its own.</summary>
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

    /// <summary>A new empty database; the store opens (and migrates) it on first use.</summary>
    public async Task<TestDatabase> NewDatabaseAsync() => new(Server, await Server.CreateDatabaseAsync());
}

/// <summary>A database of one test: the store on it, raw connections for checking what is stored, dropped on dispose.</summary>
public sealed class TestDatabase(PostgresServer server, string connectionString) : IAsyncDisposable
{
    private PostgresStore? store;

    public string ConnectionString { get; } = connectionString;

    public PostgresStore Store => store ??= PostgresStore.Open(ConnectionString);

    public async Task<NpgsqlConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        store?.Dispose();
        await server.DropDatabaseAsync(ConnectionString);
    }
}
