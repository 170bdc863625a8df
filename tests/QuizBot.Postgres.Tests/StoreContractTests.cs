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

/// <summary>The trivia store contract on PostgreSQL; a second handle is a second <see cref="PostgresStore"/> (own pool) on the same database.</summary>
public sealed class PostgresTriviaStoreContractTests : QuizBot.Sqlite.Tests.Contracts.TriviaStoreContract
{
    private readonly PostgresFixture fixture;
    private readonly string connectionString;
    private readonly PostgresStore store;
    private readonly List<PostgresStore> others = [];

    public PostgresTriviaStoreContractTests(PostgresFixture fixture)
    {
        this.fixture = fixture;
        connectionString = fixture.Server.CreateDatabase();
        store = PostgresStore.Open(connectionString);
    }

    protected override Core.Trivia.ITriviaStore Store => store.Trivia;

    protected override Core.Trivia.ITriviaStore OpenAnother()
    {
        var another = PostgresStore.Open(connectionString);
        lock (others)
        {
            others.Add(another);
        }

        return another.Trivia;
    }

    protected override async Task<int> AnswersStoredAsync(Core.Players.PlayerKey player) =>
        (await store.Stats.GetStatsAsync(player, T0.AddDays(1))).Answered;

    public override void Dispose()
    {
        foreach (var another in others)
        {
            another.Dispose();
        }

        store.Dispose();
        fixture.Server.DropDatabase(connectionString);
    }
}

/// <summary>The bot's replay guard on PostgreSQL against the contract; another instance is another store (own pool) on the same database.</summary>
public sealed class PostgresInteractionDeduplicatorContractTests(PostgresFixture fixture) : QuizBot.Store.Contracts.SharedInteractionDeduplicatorContract, IAsyncDisposable
{
    private readonly List<PostgresStore> stores = [];
    private string? connectionString;
    private Core.Ports.IInteractionReceiptStore? receipts;

    protected override Core.Ports.IInteractionReceiptStore Receipts => receipts ?? throw new InvalidOperationException("No guard made yet.");

    protected override Discord.Interactions.IInteractionDeduplicator CreateGuard()
    {
        connectionString = fixture.Server.CreateDatabase();
        receipts = Open().Receipts;
        return new Hosting.StoreInteractionDeduplicator(receipts, Time);
    }

    protected override Discord.Interactions.IInteractionDeduplicator CreateGuardOfAnotherInstance() =>
        new Hosting.StoreInteractionDeduplicator(Open().Receipts, Time);

    public async ValueTask DisposeAsync()
    {
        stores.ForEach(s => s.Dispose());
        if (connectionString is not null)
        {
            await fixture.Server.DropDatabaseAsync(connectionString);
        }
    }

    private PostgresStore Open()
    {
        var store = PostgresStore.Open(connectionString!);
        stores.Add(store);
        return store;
    }
}
