using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QuizBot.Content;
using QuizBot.Core.Catalog;
using QuizBot.Core.Daily;
using QuizBot.Core.Decks;
using QuizBot.Core.Facts;
using QuizBot.Core.Ports;
using QuizBot.Core.Reports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;
using QuizBot.Daily;
using QuizBot.Discord;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Sqlite;

namespace QuizBot.Hosting;

public static class QuizBotServiceCollectionExtensions
{
    /// <summary>
    /// The whole bot: decks, the SQLite store, the quiz and study engines, every module behind the one
    /// interaction pipeline, graceful shutdown, and the Discord transport the settings choose.
    /// </summary>
    public static IServiceCollection AddQuizBot(this IServiceCollection services, BotSettings settings, IReadOnlyList<Deck> decks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DeckLibrary(decks));
        services.AddSqliteStore(settings.StoragePath);
        services.AddQuizBotServices();
        services.AddSingleton(new BotTokenStatus(settings.Token.Length > 0));
        services.AddQuizBotModules();

        // Registered before the transports, so it stops after them: new work is refused from the first
        // stop signal (see InteractionShutdown), and the database closes only once in-flight work is done.
        services.AddSingleton<InteractionGate>();
        services.AddHostedService<InteractionShutdown>();
        services.AddSingleton<IInteractionHandler, InteractionPipeline>();
        services.AddHostedService<InteractionSummaryLog>();

        // Where the C library is glibc, the free pages inside malloc's heaps go back to the kernel every few seconds.
        if (NativeMemoryTrim.FindGlibcTrim() is { } trim)
        {
            services.AddHostedService(provider => new NativeMemoryTrim(trim, provider.GetRequiredService<TimeProvider>()));
        }

        void Configure(DiscordOptions options)
        {
            options.Token = settings.Token;
            options.ApplicationId = settings.ApplicationId;
            options.PublicKey = settings.PublicKey;
            options.ClientName = "quizbot";
        }

        // The replay guard lives in the store (Storage:Provider), so instances sharing a database share it too.
        services.AddSingleton<Discord.Interactions.IInteractionDeduplicator, StoreInteractionDeduplicator>();
        services.AddHostedService<InteractionReceiptSweeper>();

        services.AddSingleton<IReadinessCheck>(new DatabaseReadiness(settings.StoragePath));
        if (settings.Mode == DiscordMode.Http)
        {
            services.AddDiscordInteractions(Configure);
            services.AddSingleton<IReadinessCheck, HttpEndpointReadiness>();
        }
        else
        {
            // Identify slots live in the store too, so processes running shards of the bot on one database pace together.
            services.AddSingleton<Discord.Gateway.ISharedIdentifySlots, StoreIdentifySlots>();
            services.AddDiscordGateway(Configure);
            services.TryAddSingleton<IGatewayStatus, GatewayConnectionStatusAdapter>();
            services.AddSingleton<IReadinessCheck, GatewayReadiness>();
        }

        services.AddHostedService<DailyQuestionPoster>();

        return services;
    }

    /// <summary>The Core application services, one per feature, over the registered stores and decks.</summary>
    public static IServiceCollection AddQuizBotServices(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<DeckLibrary>().Catalog);
        services.TryAddSingleton(provider => new QuizService(
            provider.GetRequiredService<IQuizStore>(), provider.GetRequiredService<DeckCatalog>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new StudyService(
            provider.GetRequiredService<IStudyStore>(), provider.GetRequiredService<DeckCatalog>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<DailyService>();
        services.TryAddSingleton<FactService>();
        return services;
    }

    /// <summary>
    /// A feature module: the pipeline routes to it, and its declared routes (commands, custom_id areas) are registered
    /// as they are, so the command catalog is read without building any module.
    /// </summary>
    public static IServiceCollection AddInteractionModule<TModule>(this IServiceCollection services)
        where TModule : class, IInteractionModule<TModule>
    {
        services.AddSingleton<IInteractionModule, TModule>();
        services.AddSingleton(TModule.Declared);
        return services;
    }

    /// <summary>The feature modules the pipeline routes to.</summary>
    public static IServiceCollection AddQuizBotModules(this IServiceCollection services)
    {
        services.AddSingleton<TopicAutocomplete>();
        services.AddProgressPictures();
        services.AddInteractionModule<QuizModule>();
        services.AddQuizBotServices();
        services.AddTrivia();
        services.AddInteractionModule<StudyModule>();
        services.AddInteractionModule<LeaderboardModule>();
        services.AddInteractionModule<StatsModule>();
        services.AddInteractionModule<InfoModule>();
        services.AddInteractionModule<AdminModule>();
        services.TryAddSingleton(new BotTokenStatus(IsSet: false));
        services.AddSingleton(provider => new DailyPicker(provider.GetRequiredService<DeckLibrary>().Catalog));
        services.AddSingleton<DailyAdminCommand>();
        services.AddInteractionModule<DailyModule>();
        return services;
    }
}
