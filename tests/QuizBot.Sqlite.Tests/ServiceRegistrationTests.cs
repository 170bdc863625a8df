using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite.Tests;

public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Every_port_resolves_to_the_one_store_on_the_configured_file()
    {
        await using (var provider = new ServiceCollection().AddSqliteStore(db.FilePath).BuildServiceProvider())
        {
            var store = provider.GetRequiredService<SqliteStore>();
            Assert.Equal(db.FilePath, store.FilePath);
            Assert.Same(store.Quizzes, provider.GetRequiredService<IQuizStore>());
            Assert.Same(store.Study, provider.GetRequiredService<IStudyStore>());
            Assert.Same(store.Stats, provider.GetRequiredService<IPlayerStatsQuery>());
            Assert.Same(store.Guilds, provider.GetRequiredService<IGuildStore>());

            await provider.GetRequiredService<IGuildStore>().SaveSettingsAsync(new GuildSettings("g1", "chan", 20, null));
        }

        Assert.Equal(20, (await db.Store.Guilds.GetSettingsAsync("g1")).DailyHourUtc);
        Assert.Empty(await db.Store.Quizzes.GetSeenCountsAsync(new PlayerKey("g1", "u")));
    }
}
