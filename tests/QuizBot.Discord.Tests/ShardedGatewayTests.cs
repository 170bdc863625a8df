using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// Several shards against the gateway simulator. "Two processes" are two gateway clients in this test process, each
/// with its own options (ShardIds 0-1 and 2-3 of 4), dispatcher, handler and clock, sharing only the simulated Discord.
/// </summary>
public sealed class ShardedGatewayTests
{
    private const int Identify = 2;
    private const int Resume = 6;
    private static readonly TimeSpan Wait = GatewaySimulator.DefaultTimeout;

    [Fact]
    public async Task Four_shards_across_two_processes_each_identify_with_their_own_id_and_serve_their_guilds()
    {
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 4);
        var first = await discord.StartProcessAsync("first", "0-1", 4);
        var second = await discord.StartProcessAsync("second", "2-3", 4);

        var shards = await discord.AcceptShardsAsync(4);

        Assert.Equal([0, 1, 2, 3], shards.Keys.Order());
        foreach (var (connection, identify) in shards.Values)
        {
            Assert.Equal(4, identify["shard"]![1]!.GetValue<int>());
            Assert.Equal(GatewayHarness.BotToken, identify["token"]!.GetValue<string>());
            await connection.WaitUntilCaughtUpAsync();
        }

        // Each guild's interaction reaches the shard (guild_id >> 22) % 4, so the process running that shard answers.
        Assert.Equal("first 100", await discord.AnsweredAsync("100", ShardedGateway.GuildOn(0, 4)));
        Assert.Equal("first 101", await discord.AnsweredAsync("101", ShardedGateway.GuildOn(1, 4)));
        Assert.Equal("second 102", await discord.AnsweredAsync("102", ShardedGateway.GuildOn(2, 4)));
        Assert.Equal("second 103", await discord.AnsweredAsync("103", ShardedGateway.GuildOn(3, 4)));
        Assert.Equal([0, 1], first.Client.ShardIds);
        Assert.Equal([2, 3], second.Client.ShardIds);
        Assert.Equal(GatewayConnectionState.Connected, first.Client.Status.State);
        Assert.Equal(
            [new ShardConnectionState(2, GatewayConnectionState.Connected), new ShardConnectionState(3, GatewayConnectionState.Connected)],
            second.Client.Status.Shards);
        Assert.Equal(4, second.Client.Status.ShardCount);
    }

    [Fact]
    public async Task A_dropped_shard_resumes_its_own_session_while_the_other_shards_keep_serving()
    {
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 4);
        var first = await discord.StartProcessAsync("first", "0-1", 4);
        var second = await discord.StartProcessAsync("second", "2-3", 4);
        var shards = (await discord.AcceptShardsAsync(4)).ToDictionary(shard => shard.Key, shard => shard.Value.Connection);

        // Traffic on shard 2 before the drop, then more on the others: shard 2's last sequence is not the latest overall.
        Assert.Equal("second 200", await discord.AnsweredAsync("200", ShardedGateway.GuildOn(2, 4)));
        Assert.Equal("first 201", await discord.AnsweredAsync("201", ShardedGateway.GuildOn(0, 4)));
        foreach (var connection in shards.Values)
        {
            await connection.WaitUntilCaughtUpAsync();
        }

        var shard2Sequence = shards[2].LastSequence!.Value;
        Assert.True(discord.Gateway.Sequence > shard2Sequence);

        shards[2].Drop();
        var reconnection = await discord.Gateway.NextConnectionAsync();
        Assert.Equal("/resume", reconnection.Path);
        Assert.Equal(GatewayConnectionState.Reconnecting, second.Client.Status.State);
        Assert.Equal(
            [new ShardConnectionState(2, GatewayConnectionState.Reconnecting), new ShardConnectionState(3, GatewayConnectionState.Connected)],
            second.Client.Status.Shards);
        Assert.Equal(GatewayConnectionState.Connected, first.Client.Status.State);

        // While shard 2 is away, the three other shards answer; shard 2's guild waits for the resume, as on Discord.
        Assert.Equal("first 210", await discord.AnsweredAsync("210", ShardedGateway.GuildOn(0, 4, salt: 1)));
        Assert.Equal("first 211", await discord.AnsweredAsync("211", ShardedGateway.GuildOn(1, 4, salt: 1)));
        Assert.Equal("second 213", await discord.AnsweredAsync("213", ShardedGateway.GuildOn(3, 4, salt: 1)));
        var waiting = await discord.Gateway.RouteInteractionAsync(ShardedGateway.Interaction("212", ShardedGateway.GuildOn(2, 4, salt: 1)));
        Assert.Null(waiting.Connection);

        await reconnection.SendHelloAsync(45_000);
        var resume = (await reconnection.ReceiveAsync(Resume))["d"]!;
        Assert.Equal("session-2", resume["session_id"]!.GetValue<string>());
        Assert.Equal(shard2Sequence, resume["seq"]!.GetValue<int>());
        await reconnection.SendResumedAsync();

        Assert.Equal("second 212", await discord.AnswerOfAsync("212"));
        await reconnection.WaitUntilCaughtUpAsync();
        Assert.Equal(GatewayConnectionState.Connected, second.Client.Status.State);
        Assert.Equal("second 220", await discord.AnsweredAsync("220", ShardedGateway.GuildOn(2, 4, salt: 2)));

        // One identify per shard, ever: the drop cost a resume, not a new session.
        Assert.Equal(4, discord.Gateway.Connections.Sum(c => c.Received.Count(p => p["op"]!.GetValue<int>() == Identify)));
        Assert.All([shards[0], shards[1], shards[3]], connection => Assert.False(connection.Closed.IsCompleted));
    }

    [Fact]
    public async Task Shards_sharing_a_max_concurrency_key_identify_five_seconds_apart_and_other_keys_at_once()
    {
        var time = new FakeTimeProvider();
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 2);
        await discord.StartProcessAsync("only", "", 4, time);

        // Keys 0 and 1 (shards 0 and 1) identify at once, without the clock moving.
        var firstBucket = new[] { await discord.AcceptShardAsync(), await discord.AcceptShardAsync() };
        Assert.Equal([0, 1], firstBucket.Select(s => s.Identify["shard"]![0]!.GetValue<int>()).Order());
        Assert.True(await discord.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));

        // Shards 2 and 3 share those keys: nothing until five seconds of the client's clock have passed.
        var advanced = TimeSpan.Zero;
        while (await discord.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(150)))
        {
            Assert.True(advanced < TimeSpan.FromSeconds(30), "The second bucket never identified.");
            time.Advance(TimeSpan.FromMilliseconds(500));
            advanced += TimeSpan.FromMilliseconds(500);
        }

        var secondBucket = new[] { await discord.AcceptShardAsync(), await discord.AcceptShardAsync() };
        Assert.True(advanced >= TimeSpan.FromSeconds(5), $"The second bucket identified after only {advanced.TotalSeconds} s of the client's clock.");
        Assert.Equal([2, 3], secondBucket.Select(s => s.Identify["shard"]![0]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task With_max_concurrency_1_every_identify_waits_its_turn()
    {
        var time = new FakeTimeProvider();
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);
        var process = await discord.StartProcessAsync("only", "1,3", 4, time);

        var (_, first) = await discord.AcceptShardAsync();
        Assert.Equal(1, first["shard"]![0]!.GetValue<int>());
        // Shard 3's wait must be counting on the fake clock before the clock moves (on a loaded machine it may start late).
        await process.Log.WaitForLineAsync(line => line.Contains("Shard 3 waits 5 s for its identify slot", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(4.5));
        Assert.True(await discord.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
        time.Advance(TimeSpan.FromSeconds(0.5));
        var (_, second) = await discord.AcceptShardAsync();

        Assert.Equal(3, second["shard"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task A_refusal_on_one_shard_stops_every_shard_with_one_error()
    {
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 2);
        var process = await discord.StartProcessAsync("only", "0-1", 2);
        var (a, _) = await discord.AcceptShardAsync();
        var (b, _) = await discord.AcceptShardAsync();
        await a.WaitUntilCaughtUpAsync();

        await b.CloseAsync(4013, "Invalid intent(s).");

        var error = await Assert.ThrowsAsync<DiscordGatewayException>(() => process.Client.ExecuteTask!.WaitAsync(Wait));
        Assert.Equal(4013, error.CloseCode);
        await a.Closed.WaitAsync(Wait);
        Assert.Equal(GatewayConnectionState.Failed, process.Client.Status.State);
        Assert.Equal(4013, process.Client.Status.FatalCloseCode);
        Assert.All(process.Client.Status.Shards, shard => Assert.Equal(GatewayConnectionState.Failed, shard.State));
        Assert.Single(process.Log.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
        Assert.True(await discord.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Fewer_shards_than_discord_recommends_is_a_warning_not_a_refusal()
    {
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 2);
        discord.Rest.RecommendedShards = 8;
        var process = await discord.StartProcessAsync("only", "0", 2);

        var (_, identify) = await discord.AcceptShardAsync();

        Assert.Equal("[0,2]", identify["shard"]!.ToJsonString());
        Assert.Contains(process.Log.Lines, line => line.StartsWith("Warning: Discord:ShardCount is 2 but GET /gateway/bot recommends 8 shards", StringComparison.Ordinal));
        Assert.Contains(process.Log.Lines, line => line.Contains("running shard(s) 0 of 2; identifies: max_concurrency 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_shard_settings_are_refused_when_the_client_is_built()
    {
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => discord.StartProcessAsync("bad", "2-5", 4));

        Assert.Contains("Discord:ShardIds", error.Message, StringComparison.Ordinal);
        Assert.Contains("shard 5 does not exist", error.Message, StringComparison.Ordinal);
    }
}
