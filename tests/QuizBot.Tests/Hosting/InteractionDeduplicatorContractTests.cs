using QuizBot.Core.Ports;
using QuizBot.Discord.Interactions;
using QuizBot.Hosting;
using QuizBot.Sqlite;
using QuizBot.Store.Contracts;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>The in-memory replay guard (tests, offline) against the replay guard contract.</summary>
public sealed class MemoryInteractionDeduplicatorContractTests : InteractionDeduplicatorContract
{
    protected override IInteractionDeduplicator CreateGuard() => new MemoryInteractionDeduplicator(Time);
}

/// <summary>The bot's replay guard on a SQLite file against the contract; another instance is another store on the same file.</summary>
public sealed class SqliteInteractionDeduplicatorContractTests : SharedInteractionDeduplicatorContract, IDisposable
{
    private readonly TempFolder folder = new();
    private readonly List<SqliteStore> stores = [];
    private IInteractionReceiptStore? receipts;

    protected override IInteractionReceiptStore Receipts => receipts ?? throw new InvalidOperationException("No guard made yet.");

    protected override IInteractionDeduplicator CreateGuard()
    {
        receipts = Open().Receipts;
        return new StoreInteractionDeduplicator(receipts, Time);
    }

    protected override IInteractionDeduplicator CreateGuardOfAnotherInstance() => new StoreInteractionDeduplicator(Open().Receipts, Time);

    public void Dispose()
    {
        stores.ForEach(s => s.Dispose());
        folder.Dispose();
    }

    private SqliteStore Open()
    {
        var store = SqliteStore.Open(folder.File("quizbot.db"));
        stores.Add(store);
        return store;
    }
}
