using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Discord;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Sqlite;
using QuizBot.Views;

namespace QuizBot.Benchmarks;

/// <summary>
/// One answer, stage by stage, in the order the bot runs them (one tap per question: the press of an answer on the
/// message that shows the previous reveal and this question): verify the Ed25519 signature, parse the JSON,
/// route through the interaction pipeline (with the host's console logging), decide (the quiz engine), store
/// (one SQLite transaction), the whole Core step (read the session, check it, decide, store), render the
/// reveal, serialize the reply. The real deck, a real SQLite file in the temp folder.
/// </summary>
[MemoryDiagnoser]
public class AnswerStageBenchmarks
{
    private static readonly string Scope = ButtonPress.Guild.ToString(CultureInfo.InvariantCulture);
    private readonly PlayerKey player = new(Scope, ButtonPress.User.ToString(CultureInfo.InvariantCulture));

    // One open quiz per member: the store and service stages each play as a member of their own.
    private readonly PlayerKey storePlayer = new(Scope, "800000000000000100");
    private readonly PlayerKey servicePlayer = new(Scope, "800000000000000200");
    private readonly DateTimeOffset now = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);
    private string folder = "";
    private SqliteStore store = null!;
    private Deck deck = null!;
    private QuizService quizzes = null!;
    private InteractionRequestVerifier verifier = null!;
    private InteractionPipeline pipeline = null!;
    private ILoggerFactory loggers = null!;
    private byte[] body = [];
    private string signature = "";
    private string timestamp = "";
    private Interaction interaction = null!;
    private QuizSession decideSession = null!;
    private PlayerAnswer decideAnswer = null!;
    private QuizRevealModel reveal = null!;
    private InteractionResponse reply = null!;
    private AnswerLoop storeLoop = null!;
    private AnswerLoop serviceLoop = null!;
    private ulong nextReceipt = 1_400_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var library = new DeckLibrary(DeckLoader.LoadAll(BenchPaths.Content).Decks);
        deck = library.Default;
        folder = Directory.CreateTempSubdirectory("quizbot-bench-stages-").FullName;
        store = SqliteStore.Open(Path.Combine(folder, "stages.db"));
        quizzes = new QuizService(store.Quizzes, library.Catalog, TimeProvider.System, new Random(1));

        using var signer = InteractionSigner.Create();
        verifier = new InteractionRequestVerifier(signer.PublicKeyHex);

        // The host's logging: console, the bot's one-line format, Information and up. Console output is thrown
        // away so the figure is the cost on the interaction's own path, not the terminal's.
        Console.SetError(TextWriter.Null);
        loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddConsole(options => { options.FormatterName = OneLineConsoleFormatter.FormatterName; options.LogToStandardErrorThreshold = LogLevel.Trace; })
            .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>());
        pipeline = new InteractionPipeline([new CannedModule()], new InteractionGate(), TimeProvider.System, loggers.CreateLogger<InteractionPipeline>());

        // A quiz whose second question has choice buttons: the press below answers it on the first answer's reply.
        decideSession = Enumerable.Range(0, 100).Select(seed => NewSession("decide", player, seed))
            .First(session => !QuizEngine.Present(session with { Position = 1 }, deck)!.IsTyped);
        var first = QuizEngine.Present(decideSession, deck)!;
        decideAnswer = AnswerLoop.AnswerFor(first);
        var take = (QuizDecision.Take)QuizEngine.Answer(decideSession, deck, player, "Ada", 0, decideAnswer, now);
        // The reply shows the reveal and the next question below it.
        var progress = new QuizProgress.Continues(QuizEngine.Present(take.Transition.After, deck)!);
        reveal = new QuizRevealModel(take.Reveal, 0, take.Transition.After, library.Cite(deck, take.Reveal.Fact), deck.Title, progress, null);
        reply = InteractionResponse.Update(QuizRevealView.Render(reveal));

        // One tap per question: the member presses an answer of the next question on that very message, so the body
        // Discord sends carries the reveal and the next question as the bot rendered them.
        using (var rendered = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(reply, DiscordJsonContext.Default.InteractionResponse)))
        {
            var message = rendered.RootElement.GetProperty("data");
            var press = message.GetProperty("components").EnumerateArray()
                .SelectMany(row => row.GetProperty("components").EnumerateArray())
                .Select(button => button.TryGetProperty("custom_id", out var id) ? id.GetString() : null)
                .First(id => CustomId.TryParse(id, out var parsed) && parsed.Action == QuizIds.Answer)!;
            body = ButtonPress.Body(press, message.GetProperty("embeds").GetRawText(), message.GetProperty("components").GetRawText());
        }

        timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature = signer.Sign(timestamp, body);
        interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction)!;

        storeLoop = new AnswerLoop(store.Quizzes, deck, storePlayer, "bench-store-");
        serviceLoop = new AnswerLoop(store.Quizzes, deck, servicePlayer, "bench-service-");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        loggers.Dispose();
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "1 verify (Ed25519)")]
    public bool Verify() => verifier.Verify(signature, timestamp, body);

    [Benchmark(Description = "2 parse (JSON to interaction)")]
    public Interaction? Parse() => JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);

    [Benchmark(Description = "3 route (pipeline, logging)")]
    public Task<InteractionResponse> Route() => pipeline.HandleAsync(interaction, CancellationToken.None);

    [Benchmark(Description = "4 decide (quiz engine)")]
    public QuizDecision Decide() => QuizEngine.Answer(decideSession, deck, player, "Ada", 0, decideAnswer, now);

    /// <summary>One answer's transaction. Every 10th call also opens the next quiz (one more short transaction).</summary>
    [Benchmark(Description = "5 store (one answer transaction)")]
    public Task<QuizTransitionResult> Store() => storeLoop.StoreAsync();

    /// <summary>The replay guard's receipt of the interaction id, committed before the module runs (every interaction has one).</summary>
    [Benchmark(Description = "5r receipt (replay guard insert)")]
    public ValueTask<bool> Receipt() => store.Receipts.TryRecordAsync(nextReceipt++, now, now.AddMinutes(15));

    /// <summary>What QuizService does for a press: read the session, check the member, decide, store. Every 10th call also opens the next quiz.</summary>
    [Benchmark(Description = "4+5 service (read, decide, store)")]
    public Task<QuizStepOutcome> Service() => serviceLoop.ServiceAsync(quizzes);

    [Benchmark(Description = "6 render (reveal and next question)")]
    public MessagePayload Render() => QuizRevealView.Render(reveal);

    [Benchmark(Description = "7 serialize (reply JSON)")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(reply, DiscordJsonContext.Default.InteractionResponse);

    private QuizSession NewSession(string id, PlayerKey member, int seed)
    {
        var plan = QuizEngine.PlanQuiz(deck, null, 10, new Dictionary<string, int>(), seed);
        return QuizEngine.NewSession(id, member, deck, QuizMode.Quiz, plan, 0, now);
    }

    /// <summary>Answers every quiz button with the same reply: what is left is the pipeline's own work.</summary>
    private sealed class CannedModule : IInteractionModule
    {
        private static readonly Task<InteractionResponse?> Reply = Task.FromResult<InteractionResponse?>(InteractionResponse.DeferredUpdate());

        public ModuleRoutes Routes { get; } = new([], [CustomIdAreas.Quiz]);

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.DeferredUpdate());

        public Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken) => Reply;
    }
}
