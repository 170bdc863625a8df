using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using QuizBot.Discord;
using QuizBot.Discord.Testing;
using QuizBot.Postgres.Tests;
using QuizBot.Tests;
using QuizBot.Tests.Support;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// Four gateway shards of one bot in two real processes (shards 0-1 and 2-3 of 4) on one PostgreSQL, against the
/// gateway simulator: each shard identifies once with its own [id, 4]; identifies in one max_concurrency bucket are
/// 5 s apart across the processes (the shared identify slots); a dropped shard resumes while the other process answers.
/// </summary>
public sealed class GatewayShardsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int ShardCount = 4;

    // Two buckets (shard % 2): shards 0 and 2 share one, 1 and 3 the other; each process has one shard in each.
    private const int MaxConcurrency = 2;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    // The simulator stamps an IDENTIFY when its read loop gets the frame: a first frame read late by a busy machine
    // shortens the gap to the next by as much (CI shares 2 cores with test processes and PostgreSQL). Unpaced, the two
    // identifies of a bucket land within milliseconds of each other, since every shard gets its Hello at the same
    // moment, so a second of slack still tells paced from unpaced; the exact window is unit-tested on a fake clock
    // (SharedIdentifySlotsTests, IdentifyBudgetTests).
    private static readonly TimeSpan ReadSlack = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Four_shards_in_two_processes_identify_five_seconds_apart_per_bucket_and_a_dropped_shard_resumes_while_the_other_process_answers()
    {
        await using var database = await postgres.NewDatabaseAsync();
        await using var gateway = await GatewaySimulator.StartAsync();
        await using var autopilot = new GatewayAutopilot(gateway, helloTogether: ShardCount);
        await using var restA = await RestFor(gateway);
        await using var restB = await RestFor(gateway);
        await using var a = new BotProcess("A", Settings(restA, database, "0-1"));
        await using var b = new BotProcess("B", Settings(restB, database, "2-3"));

        // Ready means every shard of the process has a session: all four identified.
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        var identified = gateway.Connections.Where(c => c.IdentifiedAt is not null).ToDictionary(c => c.ShardId!.Value);
        Assert.Equal([0, 1, 2, 3], identified.Keys.Order());
        foreach (var (shard, connection) in identified)
        {
            var identify = connection.Received.Single(p => p["op"]!.GetValue<int>() == 2)["d"]!;
            Assert.Equal($"[{shard},{ShardCount}]", identify["shard"]!.ToJsonString());
        }

        for (var bucket = 0; bucket < MaxConcurrency; bucket++)
        {
            var gap = Stopwatch.GetElapsedTime(identified[bucket].IdentifiedAt!.Value, identified[bucket + 2].IdentifiedAt!.Value).Duration();
            output.WriteLine($"bucket {bucket}: shards {bucket} (A) and {bucket + 2} (B) identified {gap.TotalMilliseconds:0} ms apart");
            Assert.True(gap >= Window - ReadSlack, $"Shards {bucket} and {bucket + 2} share bucket {bucket} but identified {gap.TotalMilliseconds:0} ms apart.");
        }

        await using (var db = await database.OpenRawAsync())
        {
            Assert.Equal([0, 1], await db.QueryAsync<int>("SELECT bucket FROM identify_slots ORDER BY bucket"));
        }

        // Shard 2 (process B) is dropped and kept away; process A goes on answering meanwhile.
        autopilot.HoldResumes();
        identified[2].Drop();
        await autopilot.ResumeHeld.WaitAsync(BotProcess.Patience);
        Assert.Contains("shard 2 reconnecting", await ReadinessAsync(b), StringComparison.Ordinal);
        await AnsweredAsync(gateway, restA, shard: 0, salt: 1);
        await AnsweredAsync(gateway, restA, shard: 1, salt: 1);
        await AnsweredAsync(gateway, restB, shard: 3, salt: 1);

        // Shard 2 comes back with a RESUME of its own session, not a new IDENTIFY, and serves its guilds again.
        autopilot.AllowResumes();
        await b.SaidAsync("Gateway session resumed", "shard 2, the one B had dropped, to resume");
        Assert.Equal("ready", await ReadinessAsync(b));
        var resumed = Assert.Single(autopilot.Resumed);
        var resume = resumed.Received.Single(p => p["op"]!.GetValue<int>() == 6)["d"]!;
        Assert.Equal("session-2", resume["session_id"]!.GetValue<string>());
        await AnsweredAsync(gateway, restB, shard: 2, salt: 2);
        Assert.Equal(ShardCount, gateway.Connections.Sum(c => c.Received.Count(p => p["op"]!.GetValue<int>() == 2)));
        Assert.Equal("ready", await ReadinessAsync(a));
    }

    private static async Task<FakeDiscordRestServer> RestFor(GatewaySimulator gateway)
    {
        var rest = await FakeDiscordRestServer.StartAsync();
        rest.GatewayUrl = gateway.Url;
        rest.MaxConcurrency = MaxConcurrency;
        rest.RecommendedShards = ShardCount;
        return rest;
    }

    /// <summary>Gateway mode, one shared PostgreSQL; each process has its own fake REST API, so a callback says which process answered.</summary>
    private static Dictionary<string, string> Settings(FakeDiscordRestServer rest, TestDatabase database, string shardIds) => new()
    {
        ["Discord:Mode"] = "gateway",
        ["Discord:Token"] = "NDI0Mg.test.token-for-the-simulator",
        ["Discord:ApplicationId"] = TestUser.Application.ToString(CultureInfo.InvariantCulture),
        ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
        ["Discord:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        ["Discord:ShardIds"] = shardIds,
        ["Discord:DeferAfter"] = "00:01:00",
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = database.ConnectionString,
        ["Content:Path"] = RepositoryPaths.Content,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Routes /help (answered in the callback itself) from a guild on <paramref name="shard"/> as Discord would, and waits for its answer through <paramref name="rest"/>.</summary>
    private static async Task AnsweredAsync(GatewaySimulator gateway, FakeDiscordRestServer rest, int shard, int salt)
    {
        var guild = ((ulong)((ShardCount * (2_000 + salt)) + shard) << 22) | 77;
        var member = new TestUser((ulong)(600 + shard), "member" + shard.ToString(CultureInfo.InvariantCulture), guild);
        var interaction = member.Command("help");
        var routed = await gateway.RouteInteractionAsync(JsonNode.Parse(JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction))!.AsObject());

        Assert.Equal(shard, routed.Session.ShardId);
        var callback = await rest.WaitForRequestAsync("POST", $"/interactions/{interaction.Id}/{interaction.Token}/callback", BotProcess.Patience);
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
    }

    private static async Task<string> ReadinessAsync(BotProcess process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var reply = await http.GetAsync(new Uri(process.BaseUrl, "/healthz/ready"));
        var body = await reply.Content.ReadAsStringAsync();
        return reply.StatusCode == HttpStatusCode.OK ? "ready" : body;
    }
}
