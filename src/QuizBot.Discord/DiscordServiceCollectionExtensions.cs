using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord;

/// <summary>Registers the Discord pieces. Options come from the "Discord" configuration section.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>Options, the REST client (<see cref="IDiscordRestClient"/>) and its rate limiter.</summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services, Action<DiscordOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new DiscordApplication(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.ApplicationId));
        services.TryAddSingleton(provider =>
        {
            var discord = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
            return new RestRateLimiter(provider.GetRequiredService<TimeProvider>(), discord.MaxRateLimitBuckets, discord.GlobalRequestsPerSecond);
        });

        // HttpClient's own request logs would write interaction tokens (they sit in webhook paths) and the URL of
        // every call; the REST client logs its own lines with the routes redacted instead. The client lives in
        // singletons, so its handler recycles pooled connections itself (DNS changes are seen) instead of relying
        // on the factory's rotation; each call has its own deadline, so HttpClient's 100 s timeout is off.
        services.AddHttpClient<IDiscordRestClient, DiscordRestClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>
    /// The HTTP interactions endpoint's services (verifier, auto-deferring dispatcher). Register your
    /// <see cref="IInteractionHandler"/> too, then call <c>MapDiscordInteractions()</c> on the app.
    /// </summary>
    public static IServiceCollection AddDiscordInteractions(this IServiceCollection services, Action<DiscordOptions>? configure = null)
    {
        services.AddDiscordRest(configure);
        AddDispatcher(services);
        services.TryAddSingleton(provider => new InteractionRequestVerifier(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));
        services.TryAddSingleton<InteractionEndpoint>();
        services.AddHostedService<InteractionDrainService>();
        return services;
    }

    /// <summary>The gateway client as a hosted service; interactions it receives go to your <see cref="IInteractionHandler"/>.</summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services, Action<DiscordOptions>? configure = null)
    {
        services.AddDiscordRest(configure);
        AddDispatcher(services);
        services.TryAddSingleton<DiscordGatewayClient>();
        services.TryAddSingleton(provider => provider.GetRequiredService<DiscordGatewayClient>().Status);
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DiscordGatewayClient>());
        return services;
    }

    /// <summary>The dispatcher both transports share, with a bounded in-memory replay guard unless one is registered.</summary>
    private static void AddDispatcher(IServiceCollection services)
    {
        services.TryAddSingleton<IInteractionDeduplicator>(provider => new MemoryInteractionDeduplicator(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<InteractionDispatcher>();
    }
}
