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

        // Each instance looks for due questions as it starts, then at every minute.
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Eventually.TrueAsync(
            async () => await db.QuerySingleAsync<long>("SELECT COUNT(*) FROM daily_questions WHERE message_id IS NOT NULL OR failure IS NOT NULL") == Guilds,
            "every guild's question of the day to be posted");

        // The "Posted" line is logged after the row is saved and reaches us through each process's console pipe,
        // so it may trail the database by a moment; a third post would still show as a count above the guilds.
        int PostedBy(BotProcess bot) => bot.Output.Count(line => line.Contains(Posted, StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(PostedBy(a) + PostedBy(b) >= Guilds), "every post to be logged");

        var posts = rest.Requests.Where(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal)).ToList();
        var byA = PostedBy(a);
        var byB = PostedBy(b);
        output.WriteLine($"daily: {Guilds} guilds due on 2 instances; posts {posts.Count} (A {byA}, B {byB}); channels posted twice {posts.GroupBy(p => p.Path).Count(g => g.Count() > 1)}");
        Assert.Equal(guilds.Select(g => $"/channels/{g.Channel}/messages").Order(), posts.Select(p => p.Path).Order());
        Assert.Equal(0, await db.QuerySingleAsync<long>("SELECT COUNT(*) FROM daily_questions WHERE failure IS NOT NULL"));
        Assert.Equal(Guilds, byA + byB);
    }
}
