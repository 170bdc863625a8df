using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuizBot.Content;
using QuizBot.Core.Trivia;
using QuizBot.Interactions;
using QuizBot.Modules;

namespace QuizBot.Hosting;

public static class TriviaServiceCollectionExtensions
{
    /// <summary>
    /// Live trivia: the service over the trivia store, the module, the announcer that posts a game's progress, and the
    /// scheduler that drives the games this instance holds leases on. Options come from the <c>Trivia</c> section when
    /// configuration is registered.
    /// </summary>
    public static IServiceCollection AddTrivia(this IServiceCollection services)
    {
        services.AddOptions<TriviaOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(TriviaOptions.Section).Bind(options))
            .Validate(
                options =>
                {
                    options.Validate();
                    return true;
                })
            .ValidateOnStart();
        services.AddSingleton(provider => new TriviaService(
            provider.GetRequiredService<ITriviaStore>(),
            provider.GetRequiredService<DeckLibrary>().Decks,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TriviaWakeUp>();
        services.AddSingleton<TriviaAnnouncer>();
        services.AddInteractionModule<TriviaModule>();
        services.TryAddSingleton<TriviaScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<TriviaScheduler>());
        return services;
    }
}
