using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>A gateway client wired to a gateway simulator and a fake REST server, all on loopback.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string BotToken = "gateway-test-token-do-not-log";
    public const string PictureCommand = "picture";

    public static readonly FileUpload Picture = FileUpload.Png("card.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF });

    private readonly HttpClient _http = new();
    private InteractionDispatcher? _dispatcher;
    private bool _stopped;

    private GatewayHarness(GatewaySimulator gateway, FakeDiscordRestServer rest)
    {
        Gateway = gateway;
        Rest = rest;
    }

    public GatewaySimulator Gateway { get; }
    public FakeDiscordRestServer Rest { get; }
    public DiscordGatewayClient Client { get; private set; } = null!;
    public RecordingLogger<DiscordGatewayClient> Log { get; } = new();

    /// <summary>The options instance the client and its REST client share.</summary>
    public DiscordOptions Options { get; private set; } = null!;

    /// <summary>Starts the simulators and the client. With <paramref name="lookUpGateway"/> the client asks GET /gateway/bot.</summary>
    /// <summary>The application id holder the client and its REST client share.</summary>
    public DiscordApplication Application { get; private set; } = null!;

    public InteractionDispatcher Dispatcher => _dispatcher!;

    /// <summary>Starts the simulators and the client. With <paramref name="lookUpGateway"/> the client asks GET /gateway/bot.</summary>
    /// <param name="handler">Answers interactions; by default every command is echoed with its name and id.</param>
    /// <param name="time">The client's clock (the REST client keeps wall time, since its peer is real).</param>
    /// <param name="configure">Further options, e.g. the queue size or DeferAfter.</param>
    public static async Task<GatewayHarness> StartAsync(
        bool lookUpGateway = false,
        Action<FakeDiscordRestServer>? arrangeRest = null,
        ulong applicationId = 77,
        IInteractionHandler? handler = null,
        TimeProvider? time = null,
        Action<DiscordOptions>? configure = null)
    {
        var harness = new GatewayHarness(await GatewaySimulator.StartAsync(), await FakeDiscordRestServer.StartAsync());
        harness.Rest.GatewayUrl = harness.Gateway.Url;
        arrangeRest?.Invoke(harness.Rest);
        var settings = new DiscordOptions
        {
            Token = BotToken,
            ApplicationId = applicationId,
            ApiBaseUrl = harness.Rest.BaseUrl,
            GatewayUrl = lookUpGateway ? null : harness.Gateway.Url,
            UserAgentUrl = "https://example.org/quizbot",
            UserAgentVersion = "3.1",
        };
        configure?.Invoke(settings);
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        harness.Options = options.Value;
        harness.Application = new DiscordApplication(applicationId);
        var clock = time ?? TimeProvider.System;
        var rest = new DiscordRestClient(harness._http, new RestRateLimiter(TimeProvider.System), harness.Application, options, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        harness._dispatcher = new InteractionDispatcher(
            handler ?? new EchoHandler(), rest, new MemoryInteractionDeduplicator(TimeProvider.System), options, clock, NullLogger<InteractionDispatcher>.Instance);
        harness.Client = new DiscordGatewayClient(rest, harness._dispatcher, harness.Application, options, clock, harness.Log);
        await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    public static JsonObject Interaction(string id, string token, string command) => Interaction(id, token, 2, command);

    public static JsonObject Interaction(string id, string token, int type = 2, string command = "echo") =>
        new()
        {
            ["id"] = id,
            ["application_id"] = "77",
            ["type"] = type,
            ["token"] = token,
            ["version"] = 1,
            ["channel_id"] = "3",
            ["user"] = new JsonObject { ["id"] = "9", ["username"] = "ada" },
            ["data"] = new JsonObject { ["id"] = "5", ["name"] = command, ["type"] = 1 },
        };

    /// <summary>Accepts the first connection, says hello, takes the identify and sends READY.</summary>
    public async Task<GatewayConnection> ConnectReadyAsync(int heartbeatMs = 30_000, string sessionId = "session-1")
    {
        var connection = await Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(heartbeatMs);
        await connection.ReceiveAsync(2);
        await connection.SendReadyAsync(sessionId);
        return connection;
    }

    /// <summary>
    /// Drops <paramref name="connection"/> once the client has handled everything sent on it (so it holds a session),
    /// accepts the reconnection, says hello and waits for the client's Resume (op 6).
    /// </summary>
    public async Task<GatewayConnection> DropAndAwaitResumeAsync(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await WaitUntilClientCaughtUpAsync(connection);
        connection.Drop();
        var next = await Gateway.NextConnectionAsync();
        await next.SendHelloAsync(30_000);
        await next.ReceiveAsync(6);
        return next;
    }

    /// <summary>
    /// Asks for a heartbeat (op 1) and waits for one carrying the last sequence the simulator sent: proof that the
    /// client has handled every dispatch so far (e.g. READY), since a regular beat may have been sent before it did.
    /// </summary>
    public async Task WaitUntilClientCaughtUpAsync(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sequence = Gateway.Sequence;
        await connection.SendHeartbeatRequestAsync();
        while (true)
        {
            var beat = await connection.ReceiveAsync(1);
            if (beat["d"] is { } d && d.GetValue<int>() == sequence)
            {
                return;
            }
        }
    }

    /// <summary>Stops the client as the host would at SIGTERM.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await Client.StopAsync(cancellationToken);
    }

    public Task<RecordedRequest> CallbackAsync(string id, string token) =>
        Rest.WaitForRequestAsync("POST", $"/interactions/{id}/{token}/callback");

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Client.StopAsync(stop.Token);
        }

        Client.Dispose();
        _dispatcher?.Dispose();
        await Gateway.DisposeAsync();
        await Rest.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>
    /// Answers every command with its own name, so tests can see which interaction was answered; the command
    /// named <see cref="PictureCommand"/> gets <see cref="Picture"/> attached.
    /// </summary>
    private sealed class EchoHandler : IInteractionHandler
    {
        public Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
        {
            var message = MessagePayload.Text($"{interaction.Data?.Name} {interaction.Id}");
            return Task.FromResult(InteractionResponse.Message(interaction.Data?.Name == PictureCommand ? message.WithFiles(Picture) : message));
        }
    }
}
