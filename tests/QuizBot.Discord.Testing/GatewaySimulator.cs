using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Discord.Testing;

/// <summary>
/// A scripted Discord gateway: a real WebSocket server on 127.0.0.1. Each client connection is handed to the
/// test as a <see cref="GatewayConnection"/>, which sends what the test tells it and records what the client sent.
/// Any path is accepted, so a READY's resume_gateway_url can point at <see cref="ResumeUrl"/>.
/// </summary>
public sealed class GatewaySimulator : IAsyncDisposable
{
    /// <summary>How long waits for the client give up: only reached when something is broken, so generous for busy machines.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Channel<GatewayConnection> _accepted = Channel.CreateUnbounded<GatewayConnection>();
    private readonly List<GatewayConnection> _connections = [];
    private readonly List<SimulatedSession> _sessions = [];
    private Microsoft.AspNetCore.Builder.WebApplication? _app;
    private int _sequence;

    private GatewaySimulator()
    {
    }

    /// <summary>ws://127.0.0.1:{port}/ — what Discord:GatewayUrl or GET /gateway/bot should name.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>A distinct path for resuming, to check the client uses resume_gateway_url.</summary>
    public Uri ResumeUrl => new(Url, "resume");

    /// <summary>The last sequence number handed out by <see cref="NextSequence"/>.</summary>
    public int Sequence => Volatile.Read(ref _sequence);

    public IReadOnlyList<GatewayConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Every session a READY started, oldest first.</summary>
    public IReadOnlyList<SimulatedSession> Sessions
    {
        get
        {
            lock (_sessions)
            {
                return [.. _sessions];
            }
        }
    }

    public static async Task<GatewaySimulator> StartAsync()
    {
        var simulator = new GatewaySimulator();
        var (app, address) = await LoopbackHost.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Run(simulator.AcceptAsync);
        });
        simulator._app = app;
        simulator.Url = new UriBuilder(address) { Scheme = "ws" }.Uri;
        return simulator;
    }

    public int NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>
    /// Sends an INTERACTION_CREATE the way Discord routes it: to the newest session whose shard receives the
    /// interaction's guild_id ((guild_id &gt;&gt; 22) % num_shards; shard 0 without a guild). A session without an open
    /// connection keeps the event and replays it when resumed. Fails when no session holds that shard.
    /// </summary>
    public async Task<RoutedEvent> RouteInteractionAsync(JsonObject interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ulong? guildId = interaction["guild_id"]?.GetValue<string>() is { } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : null;
        SimulatedSession session;
        lock (_sessions)
        {
            session = _sessions.LastOrDefault(s => s.Receives(guildId))
                ?? throw new InvalidOperationException($"No gateway session holds the shard of guild {guildId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}.");
        }

        var sequence = NextSequence();
        var dispatch = new JsonObject { ["op"] = 0, ["t"] = "INTERACTION_CREATE", ["s"] = sequence, ["d"] = interaction };
        var connection = await session.DeliverAsync(dispatch);
        return new RoutedEvent(session, connection, sequence);
    }

    internal void StartSession(SimulatedSession session)
    {
        lock (_sessions)
        {
            _sessions.Add(session);
        }
    }

    internal SimulatedSession? FindSession(string sessionId)
    {
        lock (_sessions)
        {
            return _sessions.LastOrDefault(s => s.Id == sessionId);
        }
    }

    /// <summary>Waits for the client's next connection.</summary>
    public async Task<GatewayConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _accepted.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The client did not connect to the gateway simulator in time.");
        }
    }

    /// <summary>True when no further connection arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource(wait);
        try
        {
            await _accepted.Reader.WaitToReadAsync(cancel.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            connection.Drop();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        int index;
        GatewayConnection connection;
        lock (_connections)
        {
            index = _connections.Count;
            connection = new GatewayConnection(this, socket, context, index);
            _connections.Add(connection);
        }

        _accepted.Writer.TryWrite(connection);
        await connection.RunAsync();
    }
}

/// <summary>Where <see cref="GatewaySimulator.RouteInteractionAsync"/> put an event: its session, the connection it went out on (null: it waits for the resume), its sequence.</summary>
public sealed record RoutedEvent(SimulatedSession Session, GatewayConnection? Connection, int Sequence);
