using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>
/// Two real bot hosts, started through <see cref="BotHost"/> as `quizbot run` starts them, one with Discord:ShardIds 0-1
/// and one with 2-3 of Discord:ShardCount 4 (two hosts in this test process stand for two processes), against one
/// gateway simulator. Each host has its own fake REST API, so a callback shows which host answered.
/// </summary>
public sealed class ShardedHostTests
{
    private const string Token = "NDI0Mg.test.token-for-the-simulator";

    [Fact]
    public async Task Each_host_serves_its_shards_and_readiness_names_the_shard_that_is_reconnecting()
    {
        using var folder = new TempFolder();
        await using var gateway = await GatewaySimulator.StartAsync();
        await using var first = await Host.StartAsync(folder, gateway, "first", "0-1");
        await using var second = await Host.StartAsync(folder, gateway, "second", "2-3");

        var shards = new Dictionary<int, GatewayConnection>();
        for (var i = 0; i < 4; i++)
        {
            var connection = await gateway.NextConnectionAsync();
            await connection.SendHelloAsync(45_000);
            await connection.ReceiveAsync(2);
            await connection.SendReadyAsync($"session-{connection.ShardId}", applicationId: "4242");
            shards.Add(connection.ShardId!.Value, connection);
        }

        foreach (var connection in shards.Values)
        {
            await connection.WaitUntilCaughtUpAsync();
        }

        Assert.Equal((HttpStatusCode.OK, "ready\ndatabase: open\ngateway: connected (shards 0, 1 of 4)\n"), await first.ReadinessAsync());
        Assert.Equal((HttpStatusCode.OK, "ready\ndatabase: open\ngateway: connected (shards 2, 3 of 4)\n"), await second.ReadinessAsync());
        for (var shard = 0; shard < 4; shard++)
        {
            await AnsweredByAsync(gateway, shard < 2 ? first : second, shard, salt: 0);
        }

        shards[3].Drop();
        var reconnection = await gateway.NextConnectionAsync();

        var (status, body) = await second.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not ready\ndatabase: open\ngateway: shard 3 reconnecting (shards 2, 3 of 4)\n", body);
        Assert.Equal(HttpStatusCode.OK, (await first.ReadinessAsync()).Status);
        for (var shard = 0; shard < 3; shard++)
        {
            await AnsweredByAsync(gateway, shard < 2 ? first : second, shard, salt: 1);
        }

        await reconnection.SendHelloAsync(45_000);
        Assert.Equal("session-3", (await reconnection.ReceiveAsync(6))["d"]!["session_id"]!.GetValue<string>());
        await reconnection.SendResumedAsync();
        await reconnection.WaitUntilCaughtUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.ReadinessAsync()).Status);
        await AnsweredByAsync(gateway, second, 3, salt: 2);
    }

    /// <summary>Routes /help (answered in the callback itself) from a guild on <paramref name="shard"/> and waits for <paramref name="host"/> to answer it.</summary>
    private static async Task AnsweredByAsync(GatewaySimulator gateway, Host host, int shard, int salt)
    {
        var guild = ((ulong)(4 * (1_000 + salt) + shard) << 22) | 77;
        var member = new TestUser((ulong)(500 + shard), "member" + shard.ToString(CultureInfo.InvariantCulture), guild);
        var interaction = member.Command("help");
        var routed = await gateway.RouteInteractionAsync(JsonNode.Parse(JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction))!.AsObject());

        Assert.Equal(shard, routed.Session.ShardId);
        var callback = await host.Rest.WaitForRequestAsync("POST", $"/interactions/{interaction.Id}/{interaction.Token}/callback");
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
    }

    /// <summary>One bot host with its own database file and fake REST API; GET /gateway/bot points it at the shared simulator.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private WebApplication _app = null!;
        private Uri _address = null!;

        private Host(FakeDiscordRestServer rest)
        {
            Rest = rest;
        }

        public FakeDiscordRestServer Rest { get; }

        public static async Task<Host> StartAsync(TempFolder folder, GatewaySimulator gateway, string name, string shardIds)
        {
            var rest = await FakeDiscordRestServer.StartAsync();
            rest.GatewayUrl = gateway.Url;
            rest.MaxConcurrency = 4;
            var host = new Host(rest);
            var start = BotHost.Prepare([], new Dictionary<string, string?>
            {
                ["Discord:Token"] = Token,
                ["Discord:ApplicationId"] = "4242",
                ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
                ["Discord:ShardCount"] = "4",
                ["Discord:ShardIds"] = shardIds,
                ["Discord:DeferAfter"] = "00:01:00",
                ["Http:Urls"] = "http://127.0.0.1:0",
                ["Storage:Path"] = folder.File(name + ".db"),
                ["Content:Path"] = RepositoryPaths.Content,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            Assert.True(start.App is not null, start.Error);
            host._app = start.App;
            await host._app.StartAsync();
            host._address = new Uri(host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return host;
        }

        public async Task<(HttpStatusCode Status, string Body)> ReadinessAsync()
        {
            using var response = await _http.GetAsync(new Uri(_address, HealthEndpoints.ReadyPath));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await Rest.DisposeAsync();
            _http.Dispose();
        }
    }
}
