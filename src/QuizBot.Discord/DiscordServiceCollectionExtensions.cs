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
        services.TryAddSingleton<RestRateLimiter>();
        // HttpClient's own request logs would write interaction tokens (they sit in webhook paths) and the URL of
        // every call; the REST client logs its own lines with the routes redacted instead.
        services.AddHttpClient<IDiscordRestClient, DiscordRestClient>().RemoveAllLoggers();
        return services;
    }

    /// <summary>
    /// The HTTP interactions endpoint's services (verifier, auto-deferring dispatcher). Register your
    /// <see cref="IInteractionHandler"/> too, then call <c>MapDiscordInteractions()</c> on the app.
    /// </summary>
    public static IServiceCollection AddDiscordInteractions(this IServiceCollection services, Action<DiscordOptions>? configure = null)
    {
        services.AddDiscordRest(configure);
        services.TryAddSingleton<InteractionDispatcher>();
        services.TryAddSingleton(provider => new InteractionRequestVerifier(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));
        services.TryAddSingleton<InteractionEndpoint>();
        return services;
    }

    /// <summary>The gateway client as a hosted service; interactions it receives go to your <see cref="IInteractionHandler"/>.</summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services, Action<DiscordOptions>? configure = null)
    {
        services.AddDiscordRest(configure);
        services.TryAddSingleton<InteractionDispatcher>();
        services.TryAddSingleton<DiscordGatewayClient>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DiscordGatewayClient>());
        return services;
    }
}
