using BenchmarkDotNet.Attributes;
using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Postgres;
using QuizBot.Postgres.Testing;

namespace QuizBot.Benchmarks;

/// <summary>
/// Stages 5 (store) and 4+5 (service) of <see cref="AnswerStageBenchmarks"/> on PostgreSQL: the same answer, the same
/// deck, on a throwaway PostgreSQL 15 server started by the global setup (initdb on a temp folder, a loopback port,
/// durability off as in the tests, so the figure is the transaction's work and round trips, not fsync).
/// </summary>
[MemoryDiagnoser]
public class PostgresStageBenchmarks
{
    private readonly PlayerKey storePlayer = new("900000000000000001", "800000000000000100");
    private readonly PlayerKey servicePlayer = new("900000000000000001", "800000000000000200");
    private PostgresServer server = null!;
    private PostgresStore store = null!;
    private QuizService quizzes = null!;
    private AnswerLoop storeLoop = null!;
    private AnswerLoop serviceLoop = null!;

    [GlobalSetup]
    public void Setup()
    {
        var library = new DeckLibrary(DeckLoader.LoadAll(BenchPaths.Content).Decks);
        server = PostgresServer.StartAsync().GetAwaiter().GetResult();
        store = PostgresStore.Open(server.CreateDatabase());
        quizzes = new QuizService(store.Quizzes, library.Catalog, TimeProvider.System, new Random(1));
        storeLoop = new AnswerLoop(store.Quizzes, library.Default, storePlayer, "pgbench-store-");
        serviceLoop = new AnswerLoop(store.Quizzes, library.Default, servicePlayer, "pgbench-service-");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.Dispose();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One answer's transaction. Every 10th call also opens the next quiz (one more short transaction).</summary>
    [Benchmark(Description = "5 store (one answer transaction), PostgreSQL")]
    public Task<QuizTransitionResult> Store() => storeLoop.StoreAsync();

    /// <summary>What QuizService does for a press: read the session, check the member, decide, store.</summary>
    [Benchmark(Description = "4+5 service (read, decide, store), PostgreSQL")]
    public Task<QuizStepOutcome> Service() => serviceLoop.ServiceAsync(quizzes);
}
