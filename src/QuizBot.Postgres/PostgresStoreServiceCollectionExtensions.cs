using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Ports;

namespace QuizBot.Postgres;

public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store as every storage port. The database is connected to and migrated when the
    /// store is first resolved; resolve <see cref="PostgresStore"/> at start-up to fail fast on a bad connection string.
    /// </summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ => PostgresStore.Open(connectionString));
        services.AddSingleton<IQuizStore>(provider => provider.GetRequiredService<PostgresStore>().Quizzes);
        services.AddSingleton<IStudyStore>(provider => provider.GetRequiredService<PostgresStore>().Study);
        services.AddSingleton<IPlayerStatsQuery>(provider => provider.GetRequiredService<PostgresStore>().Stats);
        services.AddSingleton<IPlayerProgressQuery>(provider => provider.GetRequiredService<PostgresStore>().Progress);
        services.AddSingleton<IGuildStore>(provider => provider.GetRequiredService<PostgresStore>().Guilds);
        services.AddSingleton<Core.Trivia.ITriviaStore>(provider => provider.GetRequiredService<PostgresStore>().Trivia);
        services.AddSingleton<IInteractionReceiptStore>(provider => provider.GetRequiredService<PostgresStore>().Receipts);
        services.AddSingleton<IIdentifySlotStore>(provider => provider.GetRequiredService<PostgresStore>().IdentifySlots);
        return services;
    }
}
