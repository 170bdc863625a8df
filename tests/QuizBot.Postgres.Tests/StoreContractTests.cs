using QuizBot.Core.Ports;
using QuizBot.Store.Contracts;

namespace QuizBot.Postgres.Tests;

/// <summary>The PostgreSQL stores against the port contracts, each test on a new database of the shared server.</summary>
public sealed class PostgresQuizStoreContractTests(PostgresFixture fixture) : QuizStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override IQuizStore CreateStore() => databases.Create().Quizzes;

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

public sealed class PostgresStudyStoreContractTests(PostgresFixture fixture) : StudyStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override IStudyStore CreateStore() => databases.Create().Study;

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

/// <summary>The stores a contract test made, closed and their databases dropped when it ends.</summary>
internal sealed class ContractDatabases(PostgresFixture fixture) : IAsyncDisposable
{
    private readonly List<(PostgresStore Store, string ConnectionString)> made = [];

    public PostgresStore Create()
    {
        var connectionString = fixture.Server.CreateDatabase();
        var store = PostgresStore.Open(connectionString);
        made.Add((store, connectionString));
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (store, connectionString) in made)
        {
            store.Dispose();
            await fixture.Server.DropDatabaseAsync(connectionString);
        }
    }
}
