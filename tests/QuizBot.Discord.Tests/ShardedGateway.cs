using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// One gateway simulator and one fake REST API shared by several gateway clients, each standing for a process that
/// runs some of the bot's shards (its own options, dispatcher, handler and clock), as a sharded deployment would.
/// Clients find the gateway through GET /gateway/bot, so they learn <see cref="FakeDiscordRestServer.MaxConcurrency"/>.
/// </summary>
internal sealed class ShardedGateway : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    private ShardedGateway(GatewaySimulator gateway, FakeDiscordRestServer rest)
    {
        Gateway = gateway;
        Rest = rest;
    }

    public GatewaySimulator Gateway { get; }

    public FakeDiscordRestServer Rest { get; }

    public static async Task<ShardedGateway> StartAsync(int maxConcurrency)
    {
        var sharded = new ShardedGateway(await GatewaySimulator.StartAsync(), await FakeDiscordRestServer.StartAsync());
        sharded.Rest.GatewayUrl = sharded.Gateway.Url;
        sharded.Rest.MaxConcurrency = maxConcurrency;
        return sharded;
    }

    /// <summary>A guild id whose events Discord sends to <paramref name="shardId"/> of <paramref name="shardCount"/> (from its snowflake timestamp).</summary>
    public static ulong GuildOn(int shardId, int shardCount, int salt = 0) =>
        ((ulong)((1_000 * shardCount) + (salt * shardCount) + shardId) << 22) | 0x1234;

    public static JsonObject Interaction(string id, ulong guildId)
    {
        var interaction = GatewayHarness.Interaction(id, "itok-" + id);
        interaction["guild_id"] = guildId.ToString(CultureInfo.InvariantCulture);
        return interaction;
    }

    /// <summary>
    /// Starts a client, named <paramref name="name"/>, running <paramref name="shardIds"/> of <paramref name="shardCount"/>;
    /// its handler answers "{name} {id}". Clients given the same <paramref name="sharedSlots"/> pace identifies together.
    /// </summary>
    public async Task<Process> StartProcessAsync(string name, string shardIds, int shardCount, TimeProvider? time = null, ISharedIdentifySlots? sharedSlots = null)
    {
        var process = new Process(name, Rest, shardIds, shardCount, time ?? TimeProvider.System, sharedSlots);
        _processes.Add(process);
        await process.Client.StartAsync(CancellationToken.None);
        return process;
    }

    /// <summary>Accepts one connection, says hello, takes its IDENTIFY and sends READY with session "session-{shard}".</summary>
    public async Task<(GatewayConnection Connection, JsonNode Identify)> AcceptShardAsync()
    {
        var connection = await Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(45_000);
        var identify = (await connection.ReceiveAsync(2))["d"]!;
        await connection.SendReadyAsync($"session-{connection.ShardId}");
        return (connection, identify);
    }

    /// <summary>Accepts <paramref name="count"/> shards (<see cref="AcceptShardAsync"/>), keyed by the shard id each identified with.</summary>
    public async Task<Dictionary<int, (GatewayConnection Connection, JsonNode Identify)>> AcceptShardsAsync(int count)
    {
        var shards = new Dictionary<int, (GatewayConnection, JsonNode)>();
        for (var i = 0; i < count; i++)
        {
            var (connection, identify) = await AcceptShardAsync();
            shards.Add(identify["shard"]![0]!.GetValue<int>(), (connection, identify));
        }

        return shards;
    }

    /// <summary>Routes an interaction for a guild as Discord would and returns the answer's text ("{process} {id}").</summary>
    public async Task<string> AnsweredAsync(string id, ulong guildId)
    {
        await Gateway.RouteInteractionAsync(Interaction(id, guildId));
        return await AnswerOfAsync(id);
    }

    public async Task<string> AnswerOfAsync(string id)
    {
        var callback = await Rest.WaitForRequestAsync("POST", $"/interactions/{id}/itok-{id}/callback");
        return callback.Json!["data"]!["content"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        await Rest.DisposeAsync();
    }

    /// <summary>One client with everything it owns, as one process of the bot would have.</summary>
    internal sealed class Process : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private readonly InteractionDispatcher _dispatcher;

        public Process(string name, FakeDiscordRestServer rest, string shardIds, int shardCount, TimeProvider time, ISharedIdentifySlots? sharedSlots)
        {
            Name = name;
            var options = Microsoft.Extensions.Options.Options.Create(new DiscordOptions
            {
                Token = GatewayHarness.BotToken,
                ApplicationId = 77,
                ApiBaseUrl = rest.BaseUrl,
                ShardIds = shardIds,
                ShardCount = shardCount,
            });
            var application = new DiscordApplication(77);
            var restClient = new DiscordRestClient(_http, new RestRateLimiter(TimeProvider.System), application, options, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
            _dispatcher = new InteractionDispatcher(
                new NamedHandler(name), restClient, new MemoryInteractionDeduplicator(TimeProvider.System), options, time, NullLogger<InteractionDispatcher>.Instance);
            Client = new DiscordGatewayClient(restClient, _dispatcher, application, options, time, Log, sharedSlots);
        }

        public string Name { get; }

        public DiscordGatewayClient Client { get; }

        public RecordingLogger<DiscordGatewayClient> Log { get; } = new();

        public async ValueTask DisposeAsync()
        {
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await Client.StopAsync(stop.Token);
            }

            Client.Dispose();
            _dispatcher.Dispose();
            _http.Dispose();
        }
    }

    /// <summary>Answers every interaction with the process's name and the interaction id, so a test sees who answered.</summary>
    private sealed class NamedHandler(string name) : IInteractionHandler
    {
        public Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.Message($"{name} {interaction.Id}"));
    }
}
