using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Content;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Sqlite;

namespace QuizBot.Tests.Support;

/// <summary>
/// The pipeline with every module, the real deck and a real SQLite file in a temp folder, on a fake clock:
/// interactions go straight in, responses come straight out (the transports are tested end to end elsewhere).
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ServiceProvider provider;

    /// <param name="configure">Further registrations, added last so they replace the defaults.</param>
    /// <param name="databasePath">A database file to share with another harness (a second instance of the bot); a fresh temp file when null.</param>
    public PipelineHarness(DateTimeOffset? start = null, Action<IServiceCollection>? configure = null, string? databasePath = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(Rest.Object);
        services.AddSingleton(new DeckLibrary(RealDeck.All));
        DatabasePath = databasePath ?? folder.File("bot.db");
        services.AddSqliteStore(DatabasePath);
        services.AddSingleton(p => new QuizService(p.GetRequiredService<IQuizStore>(), p.GetRequiredService<DeckLibrary>().Catalog, Time, new Random(7)));
        services.AddQuizBotModules();
        services.AddSingleton<InteractionGate>();
        services.AddSingleton<IInteractionHandler, InteractionPipeline>();
        configure?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public string DatabasePath { get; }

    /// <summary>Discord's REST API as the modules that post on their own (trivia) see it; strict, so every call is set up by the test.</summary>
    public Moq.Mock<IDiscordRestClient> Rest { get; } = new(Moq.MockBehavior.Strict);

    public IInteractionHandler Pipeline => provider.GetRequiredService<IInteractionHandler>();

    public InteractionGate Gate => provider.GetRequiredService<InteractionGate>();

    public SqliteStore Store => provider.GetRequiredService<SqliteStore>();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public async Task<InteractionResponse> SendAsync(Interaction interaction)
    {
        var response = await Pipeline.HandleAsync(interaction, CancellationToken.None);
        DiscordLimits.AssertWithin(response);
        return response;
    }

    public void Dispose()
    {
        provider.Dispose();
        folder.Dispose();
    }
}
