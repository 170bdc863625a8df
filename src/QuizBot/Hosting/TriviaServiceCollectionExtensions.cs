using Microsoft.Extensions.DependencyInjection;
using QuizBot.Interactions;
using QuizBot.Modules;

namespace QuizBot.Hosting;

public static class TriviaServiceCollectionExtensions
{
    /// <summary>Live trivia: the module, the in-memory games, the announcer that posts their progress, and the timer that drives it.</summary>
    public static IServiceCollection AddTrivia(this IServiceCollection services)
    {
        services.AddSingleton<LiveTriviaGames>();
        services.AddSingleton<TriviaAnnouncer>();
        services.AddSingleton<IInteractionModule, TriviaModule>();
        services.AddHostedService<TriviaTimer>();
        return services;
    }
}
