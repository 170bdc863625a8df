using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Discord.Testing;

/// <summary>
/// One client connection to the <see cref="GatewaySimulator"/>: the test sends hello, dispatches, op 7, op 9,
/// close codes or nothing at all, and reads back every payload the client sent.
/// </summary>
public sealed class GatewayConnection
{
    private readonly GatewaySimulator _simulator;
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<int, Channel<JsonObject>> _byOp = new();
    private readonly List<JsonObject> _received = [];
    private readonly TaskCompletionSource<int?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal GatewayConnection(GatewaySimulator simulator, WebSocket socket, HttpContext context, int index)
    {
        _simulator = simulator;
        _socket = socket;
        _context = context;
        Index = index;
        Path = context.Request.Path.Value ?? "/";
        Query = context.Request.QueryString.Value ?? "";
        UserAgent = context.Request.Headers.UserAgent.ToString();
    }

    /// <summary>The User-Agent header of the WebSocket upgrade request.</summary>
    public string UserAgent { get; }

    /// <summary>0 for the client's first connection, 1 for the next, ...</summary>
    public int Index { get; }

    public string Path { get; }

    /// <summary>The query string the client connected with, e.g. "?v=10&amp;encoding=json".</summary>
    public string Query { get; }

    /// <summary>The shard this connection's IDENTIFY named (0 of 1 without a shard field), or its resumed session's; null before either.</summary>
    public int? ShardId { get; private set; }

    /// <summary>The shard count this connection's IDENTIFY named, or its resumed session's; null before either.</summary>
    public int? ShardCount { get; private set; }

    /// <summary>
    /// When the simulator read this connection's IDENTIFY (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or null
    /// before one: what Discord's identify rate limit would count, for comparing identifies across connections.
    /// </summary>
    public long? IdentifiedAt { get; private set; }

    /// <summary>The session this connection resumed (op 6), if it did.</summary>
    public SimulatedSession? ResumedSession { get; private set; }

    /// <summary>The sequence of the last dispatch sent on this connection, or null before the first.</summary>
    public int? LastSequence { get; private set; }

    /// <summary>When false, heartbeats go unanswered (to make the connection look like a zombie).</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>Completes when the connection ends, with the close code the client sent (null if it just dropped).</summary>
    public Task<int?> Closed => _closed.Task;

    /// <summary>Every payload the client sent, in order.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The client's next payload with this opcode (each payload is returned once).</summary>
    public async Task<JsonObject> ReceiveAsync(int op, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? GatewaySimulator.DefaultTimeout);
        try
        {
            return await OpChannel(op).Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent no op {op} on connection {Index} in time.");
        }
    }

    public Task SendHelloAsync(int heartbeatIntervalMs) =>
        SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs } });

    /// <summary>Sends an op 0 dispatch; without a sequence it takes the simulator's next one. Returns the sequence used.</summary>
    public async Task<int> SendDispatchAsync(string eventName, JsonNode? data, int? sequence = null)
    {
        var s = sequence ?? _simulator.NextSequence();
        await SendDispatchFrameAsync(new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = s, ["d"] = data });
        return s;
    }

    /// <summary>Sends READY and, when the client identified here, registers the session for the shard it named (see <see cref="GatewaySimulator.RouteInteractionAsync"/>).</summary>
    public async Task<int> SendReadyAsync(string sessionId, Uri? resumeGatewayUrl = null, string applicationId = "1000")
    {
        if (ShardId is { } shardId && ShardCount is { } shardCount && ResumedSession is null)
        {
            _simulator.StartSession(new SimulatedSession(sessionId, shardId, shardCount, this));
        }

        return await SendDispatchAsync("READY", ReadyData(sessionId, resumeGatewayUrl, applicationId));
    }

    private JsonObject ReadyData(string sessionId, Uri? resumeGatewayUrl, string applicationId) =>
        new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = applicationId, ["username"] = "quizbot", ["bot"] = true },
            ["guilds"] = new JsonArray(),
            ["session_id"] = sessionId,
            ["resume_gateway_url"] = (resumeGatewayUrl ?? _simulator.ResumeUrl).ToString(),
            ["application"] = new JsonObject { ["id"] = applicationId, ["flags"] = 0 },
        };

    /// <summary>
    /// RESUMED; when this connection resumed a session the simulator knows, the events routed to it while it was down
    /// are replayed first, as Discord does, and the session lives here from now on.
    /// </summary>
    public async Task<int> SendResumedAsync()
    {
        if (ResumedSession is { } session)
        {
            foreach (var missed in session.ResumeOn(this))
            {
                await SendDispatchFrameAsync(missed);
            }
        }

        return await SendDispatchAsync("RESUMED", null);
    }

    public Task<int> SendInteractionAsync(JsonObject interaction, int? sequence = null) =>
        SendDispatchAsync("INTERACTION_CREATE", interaction, sequence);

    /// <summary>
    /// Asks for a heartbeat and waits for one carrying <see cref="LastSequence"/>: proof that the client has handled
    /// every dispatch sent on this connection (a regular beat may have gone out before it did).
    /// </summary>
    public async Task WaitUntilCaughtUpAsync()
    {
        var sequence = LastSequence;
        await SendHeartbeatRequestAsync();
        while ((await ReceiveAsync(1))["d"]?.GetValue<int?>() != sequence)
        {
        }
    }

    /// <summary>Op 1: asks the client to heartbeat now.</summary>
    public Task SendHeartbeatRequestAsync() => SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>Op 7: asks the client to reconnect and resume.</summary>
    public Task SendReconnectAsync() => SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>Op 9: the session is invalid; <paramref name="resumable"/> says whether resuming may work.</summary>
    public Task SendInvalidSessionAsync(bool resumable) => SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    /// <summary>Sends a complete op 0 frame and remembers its sequence.</summary>
    internal async Task SendDispatchFrameAsync(JsonObject dispatch)
    {
        LastSequence = dispatch["s"]?.GetValue<int>();
        await SendAsync(dispatch);
    }

    public async Task SendAsync(JsonNode payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendGate.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Closes the connection from the server side with a gateway close code (e.g. 4004).</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        await _sendGate.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A client refused for good may read the close frame and drop the socket before this send completes on a busy
            // machine. Were the frame lost instead, the test's next wait (for the client to stop) would say so.
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Drops the TCP connection without any close frame.</summary>
    public void Drop()
    {
        if (_closed.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request already ended: nothing left to drop.
        }

        _closed.TrySetResult(null);
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var code = (int?)_socket.CloseStatus;
                    await CloseAsync(code ?? 1000, "closing");
                    _closed.TrySetResult(code);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var payload = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                await RecordAsync(payload);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _closed.TrySetResult(null);
        }
    }

    private async Task RecordAsync(JsonObject payload)
    {
        lock (_received)
        {
            _received.Add(payload);
        }

        var op = payload["op"]!.GetValue<int>();
        LearnShard(op, payload["d"]);
        OpChannel(op).Writer.TryWrite(payload);
        if (op == 1 && AcknowledgeHeartbeats)
        {
            await SendAsync(new JsonObject { ["op"] = 11 });
        }
    }

    /// <summary>IDENTIFY names the shard ([0, 1] without one); RESUME names a session, which knows its shard.</summary>
    private void LearnShard(int op, JsonNode? data)
    {
        if (op == 2)
        {
            IdentifiedAt ??= System.Diagnostics.Stopwatch.GetTimestamp();
            var shard = data?["shard"] as JsonArray;
            ShardId = shard?[0]?.GetValue<int>() ?? 0;
            ShardCount = shard?[1]?.GetValue<int>() ?? 1;
        }
        else if (op == 6 && data?["session_id"]?.GetValue<string>() is { } sessionId && _simulator.FindSession(sessionId) is { } session)
        {
            ResumedSession = session;
            ShardId = session.ShardId;
            ShardCount = session.ShardCount;
        }
    }

    private Channel<JsonObject> OpChannel(int op) => _byOp.GetOrAdd(op, _ => Channel.CreateUnbounded<JsonObject>());
}
