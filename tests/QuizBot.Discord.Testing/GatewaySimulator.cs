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
