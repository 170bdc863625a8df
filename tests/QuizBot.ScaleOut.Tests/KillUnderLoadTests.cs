using Microsoft.Data.Sqlite;
using QuizBot.Discord.Testing;
using QuizBot.Postgres.Tests;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// Members play quizzes while instances are SIGKILLed under them: whatever the bot acknowledged (HTTP 200 with a ✅/❌
/// reveal) is stored exactly once, an answer whose reply was lost is stored at most once (pressing again replays its
/// reveal), and every rollup equals a recount of the answers.
/// </summary>
public sealed class KillUnderLoadTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const ulong Guild = 910_000_000_000_000_001;
    private const int Stride = 25;

    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_each_killed_mid_load_lose_and_double_no_acknowledged_answer()
    {
        await using var database = await postgres.NewDatabaseAsync();
        await using var rest = await FakeDiscordRestServer.StartAsync();
        using var signer = InteractionSigner.Create();
        var settings = InstanceSettings.Postgres(signer, rest, database);
        await using var a = new BotProcess("A", settings.With("Trivia:InstanceId", "A"));
        await using var b = new BotProcess("B", settings.With("Trivia:InstanceId", "B"));
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        using var balancer = new Balancer(signer, [a, b]);

        // Each kill comes a few answers after the previous event, while every member has a request on its way.
        await using var load = new QuizLoad(balancer, Guild, members: 4);
        await load.ReachedAsync(Stride);
        a.Kill();
        await load.ReachedAsync(load.Ledger.Acknowledged + Stride);
        await a.StartAsync();
        await load.ReachedAsync(load.Ledger.Acknowledged + Stride);
        b.Kill();
        await load.ReachedAsync(load.Ledger.Acknowledged + Stride);
        await load.StopAsync();

        await using var db = await database.OpenRawAsync();
        var audit = await StoreAudit.RunAsync(db, load.Scope, load.Ledger);
        output.WriteLine($"PostgreSQL, 2 instances, 2 SIGKILLs (A restarted): {audit}; replies lost {balancer.Failures}; unexpected screens {load.Surprises} ({load.SurpriseSample})");
        Assert.True(audit.Problems.Count == 0, audit.ToString());
        Assert.Equal(0, audit.Lost);
        Assert.Equal(0, audit.Doubled);
        Assert.True(audit.Acknowledged >= 4 * Stride, audit.ToString());
        Assert.Equal(audit.Acknowledged + audit.StoredWithoutReveal, audit.Stored);
    }

    [Fact]
    public async Task Twelve_SIGKILLs_of_one_SQLite_instance_under_load_lose_and_double_no_acknowledged_answer()
    {
        const int Kills = 12;
        const int AnswersPerLife = 10;
        var folder = Directory.CreateTempSubdirectory("quizbot-scaleout-");
        try
        {
            var file = Path.Combine(folder.FullName, "bot.db");
            await using var rest = await FakeDiscordRestServer.StartAsync();
            using var signer = InteractionSigner.Create();
            await using var bot = new BotProcess("S", InstanceSettings.Http(signer, rest).With("Storage:Path", file));
            await bot.StartAsync();
            using var balancer = new Balancer(signer, [bot]);

            await using var load = new QuizLoad(balancer, Guild, members: 4);
            for (var kill = 1; kill <= Kills; kill++)
            {
                await load.ReachedAsync(load.Ledger.Acknowledged + AnswersPerLife);
                bot.Kill();
                await bot.StartAsync();
            }

            await load.ReachedAsync(load.Ledger.Acknowledged + AnswersPerLife);
            await load.StopAsync();

            await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await db.OpenAsync();
            var audit = await StoreAudit.RunAsync(db, load.Scope, load.Ledger);
            output.WriteLine($"SQLite, 1 instance, {Kills} SIGKILLs ({bot.Starts} starts): {audit}; replies lost {balancer.Failures}; unexpected screens {load.Surprises} ({load.SurpriseSample})");
            Assert.True(audit.Problems.Count == 0, audit.ToString());
            Assert.Equal(0, audit.Lost);
            Assert.Equal(0, audit.Doubled);
            Assert.Equal(Kills + 1, bot.Starts);
            Assert.Equal(audit.Acknowledged + audit.StoredWithoutReveal, audit.Stored);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
