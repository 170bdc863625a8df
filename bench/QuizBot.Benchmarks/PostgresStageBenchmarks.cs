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
    private readonly DateTimeOffset now = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);
    private PostgresServer server = null!;
    private PostgresStore store = null!;
    private Deck deck = null!;
    private QuizService quizzes = null!;
    private QuizSession storeSession = null!;
    private QuizSession serviceSession = null!;
    private int sessions;

    [GlobalSetup]
    public void Setup()
    {
        var library = new DeckLibrary(DeckLoader.LoadAll(BenchPaths.Content).Decks);
        deck = library.Default;
        server = PostgresServer.StartAsync().GetAwaiter().GetResult();
        store = PostgresStore.Open(server.CreateDatabase());
        quizzes = new QuizService(store.Quizzes, library.Catalog, TimeProvider.System, new Random(1));
        storeSession = OpenNew(storePlayer);
        serviceSession = OpenNew(servicePlayer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.Dispose();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One answer's transaction. Every 10th call also opens the next quiz (one more short transaction).</summary>
    [Benchmark(Description = "5 store (one answer transaction), PostgreSQL")]
    public async Task<QuizTransitionResult> Store()
    {
        var presented = QuizEngine.Present(storeSession, deck)!;
        var take = (QuizDecision.Take)QuizEngine.Answer(storeSession, deck, storePlayer, "Ada", storeSession.Position, AnswerFor(presented), DateTimeOffset.UtcNow);
        var result = await store.Quizzes.ApplyAsync(take.Transition);
        storeSession = take.Transition.After.IsFinished ? OpenNew(storePlayer) : take.Transition.After;
        return result;
    }

    /// <summary>What QuizService does for a press: read the session, check the member, decide, store.</summary>
    [Benchmark(Description = "4+5 service (read, decide, store), PostgreSQL")]
    public async Task<QuizStepOutcome> Service()
    {
        var presented = QuizEngine.Present(serviceSession, deck)!;
        var outcome = await quizzes.AnswerAsync(serviceSession.Id, servicePlayer, "Ada", serviceSession.Position, AnswerFor(presented));
        var revealed = (QuizStepOutcome.Revealed)outcome;
        serviceSession = revealed.Session.IsFinished ? OpenNew(servicePlayer) : revealed.Session;
        return outcome;
    }

    private static PlayerAnswer AnswerFor(PresentedQuestion question) =>
        question.IsTyped ? PlayerAnswer.Typed("1992") : PlayerAnswer.Choice(0);

    private QuizSession OpenNew(PlayerKey member)
    {
        var plan = QuizEngine.PlanQuiz(deck, null, 10, new Dictionary<string, int>(), seed: sessions);
        var session = QuizEngine.NewSession($"pgbench{++sessions:x12}", member, deck, QuizMode.Quiz, plan, sessions, now);
        if (store.Quizzes.OpenAsync(session).GetAwaiter().GetResult() is not QuizOpenResult.Opened)
        {
            throw new InvalidOperationException("The previous benchmark quiz is still open.");
        }

        return session;
    }
}
