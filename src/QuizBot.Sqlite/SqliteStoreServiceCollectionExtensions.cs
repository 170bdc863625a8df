using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>Registers the SQLite store at <paramref name="path"/> as every storage port.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string path = SqliteStoreOptions.DefaultPath) =>
        services.AddSqliteStore(_ => new SqliteStoreOptions { Path = path });

    /// <summary>
    /// Registers the SQLite store as every storage port, with options built from the container (for example
    /// from configuration). The file is opened and migrated when the store is first resolved; resolve
    /// <see cref="SqliteStore"/> at start-up to fail fast on a bad path or a newer schema.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Func<IServiceProvider, SqliteStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => SqliteStore.Open(options(provider)));
        services.AddSingleton<IQuizStore>(provider => provider.GetRequiredService<SqliteStore>().Quizzes);
        services.AddSingleton<IStudyStore>(provider => provider.GetRequiredService<SqliteStore>().Study);
        services.AddSingleton<IPlayerStatsQuery>(provider => provider.GetRequiredService<SqliteStore>().Stats);
        services.AddSingleton<IGuildStore>(provider => provider.GetRequiredService<SqliteStore>().Guilds);
        services.AddSingleton<IPlayerProgressQuery>(provider => provider.GetRequiredService<SqliteStore>().Progress);
        services.AddSingleton<Core.Trivia.ITriviaStore>(provider => provider.GetRequiredService<SqliteStore>().Trivia);
        services.AddSingleton<IInteractionReceiptStore>(provider => provider.GetRequiredService<SqliteStore>().Receipts);
        services.AddSingleton<IIdentifySlotStore>(provider => provider.GetRequiredService<SqliteStore>().IdentifySlots);
        return services;
    }
}
