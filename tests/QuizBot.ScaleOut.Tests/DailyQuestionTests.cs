using System.Globalization;
using Dapper;
using QuizBot.Discord.Testing;
using QuizBot.Postgres.Tests;

namespace QuizBot.ScaleOut.Tests;

/// <summary>Two instances find the same guilds' questions of the day due at the same moment: each guild gets one post.</summary>
public sealed class DailyQuestionTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Guilds = 24;
    private const string Posted = "Posted the question of the day";
    private const string Failed = "could not be posted in channel";

    [Fact]
    public async Task Two_instances_due_at_the_same_time_post_each_guilds_question_of_the_day_once()
    {
        await using var database = await postgres.NewDatabaseAsync();
        _ = database.Store; // opened and migrated now, so the guilds can be set up before either instance starts
        await using var db = await database.OpenRawAsync();
        var guilds = Enumerable.Range(1, Guilds).Select(i => (Scope: (930_000_000_000_000_000 + (ulong)i).ToString(CultureInfo.InvariantCulture), Channel: (931_000_000_000_000_000 + (ulong)i).ToString(CultureInfo.InvariantCulture))).ToList();
        foreach (var (scope, channel) in guilds)
        {
            // Hour 0 UTC: due whenever the test runs.
            await db.ExecuteAsync("INSERT INTO guild_settings (scope, daily_channel_id, daily_hour_utc) VALUES (@scope, @channel, 0)", new { scope, channel });
        }

        await using var rest = await FakeDiscordRestServer.StartAsync();
        using var signer = InteractionSigner.Create();
        var settings = InstanceSettings.Postgres(signer, rest, database)
            .With("Discord:Token", "NDI0Mg.test.token-for-the-fake-rest-api")
            .With("Logging:LogLevel:QuizBot.Daily", "Information");
        await using var a = new BotProcess("A", settings);
        await using var b = new BotProcess("B", settings);

        // Each instance looks for due questions as it starts, then at every minute. A post is logged ("Posted") once its
        // row is saved, and a failure as it is saved: the test waits for a line per guild, from either instance.
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        int Said(string text) => a.Count(text) + b.Count(text);
        await BotProcess.UntilAsync("a line per guild saying its question of the day was posted or failed", () => Said(Posted) + Said(Failed) >= Guilds, a, b);

        var posts = rest.Requests.Where(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal)).ToList();
        var byA = a.Count(Posted);
        var byB = b.Count(Posted);
        output.WriteLine($"daily: {Guilds} guilds due on 2 instances; posts {posts.Count} (A {byA}, B {byB}); channels posted twice {posts.GroupBy(p => p.Path).Count(g => g.Count() > 1)}");
        Assert.Equal(guilds.Select(g => $"/channels/{g.Channel}/messages").Order(), posts.Select(p => p.Path).Order());
        Assert.Equal(0, Said(Failed));
        Assert.Equal(Guilds, await db.QuerySingleAsync<long>("SELECT COUNT(*) FROM daily_questions WHERE message_id IS NOT NULL AND failure IS NULL"));
        Assert.Equal(Guilds, byA + byB);
    }
}
