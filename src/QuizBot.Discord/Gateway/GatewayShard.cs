using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// One shard's gateway session: its own connection, heartbeat, sequence, session id and resume URL, reconnecting and
/// resuming on its own. Identifies wait for the process's <see cref="IdentifyBudget"/> before connecting, and for the
/// slot shared with other processes (if any) right before IDENTIFY is sent; interactions go to the shared
/// queue, so every shard feeds the same handlers. A refusal from Discord ends <see cref="RunAsync"/> with a
/// <see cref="DiscordGatewayException"/>; the client then stops every shard.
/// </summary>
internal sealed partial class GatewayShard
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly int _shardCount;
    private readonly DiscordOptions _options;
    private readonly DiscordApplication _application;
    private readonly IdentifyBudget _identifyBudget;
    private readonly GatewayInteractionQueue _queue;
    private readonly GatewayConnectionStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GatewaySession _session = new();
    private volatile GatewaySender? _currentSender;
    private volatile bool _stopRequested;
    private Task _running = Task.CompletedTask;

    public GatewayShard(
        int shardId,
        int shardCount,
        DiscordOptions options,
        DiscordApplication application,
        IdentifyBudget identifyBudget,
        GatewayInteractionQueue queue,
        GatewayConnectionStatus status,
        TimeProvider time,
        ILogger logger)
    {
        ShardId = shardId;
        _shardCount = shardCount;
        _options = options;
        _application = application;
        _identifyBudget = identifyBudget;
        _queue = queue;
        _status = status;
        _time = time;
        _logger = logger;
    }

    public int ShardId { get; }

    /// <summary>The session id from READY, or null before the first READY (or after the session was forgotten).</summary>
    public string? SessionId => _session.SessionId;

    /// <summary>Starts the shard's connection loop; the returned task ends on stop, or faults when Discord refuses the bot.</summary>
    public Task StartAsync(Uri gatewayUrl, CancellationToken stoppingToken)
    {
        _running = RunAsync(gatewayUrl, stoppingToken);
        return _running;
    }

    /// <summary>Sends close 1000 on the live connection and waits briefly for the loop to end.</summary>
    public async Task CloseForShutdownAsync(CancellationToken cancellationToken)
    {
        _stopRequested = true;
        if (_currentSender is not { } sender)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(HeartbeatLoop.CloseGrace);
        try
        {
            await sender.CloseAsync((int)WebSocketCloseStatus.NormalClosure, "shutting down", grace.Token);
            await _running.WaitAsync(grace.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException or DiscordGatewayException)
        {
            // Shutting down regardless.
        }
    }

    /// <summary>Stop reconnecting: the next time the connection ends, the loop ends.</summary>
    public void RequestStop() => _stopRequested = true;

    private async Task RunAsync(Uri gatewayUrl, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested && !_stopRequested)
        {
            var resume = _session.CanResume;
            ConnectionEnd end;
            try
            {
                if (!resume)
                {
                    await _identifyBudget.WaitAsync(ShardId, slot => LogIdentifyWait(slot), stoppingToken);
                }

                end = await RunConnectionAsync(resume ? _session.ResumeUrl! : gatewayUrl, resume, stoppingToken);
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or JsonException)
            {
                LogConnectionFailed(_logger, exception, ShardId);
                end = new ConnectionEnd(CloseAction.Resume, Healthy: false, CloseCode: null);
            }

            if (_stopRequested)
            {
                return;
            }

            if (end.Action == CloseAction.Stop)
            {
                throw new DiscordGatewayException(end.CloseCode ?? 0, GatewayCloseCodes.Describe(end.CloseCode ?? 0));
            }

            if (end.Action == CloseAction.Reidentify)
            {
                _session.Forget();
            }

            _status.Set(ShardId, GatewayConnectionState.Reconnecting);
            failures = end.Healthy ? 0 : failures + 1;
            var delay = ReconnectStrategy.DelayBefore(end, failures);
            if (delay > TimeSpan.Zero)
            {
                LogWaiting(_logger, delay.TotalSeconds, failures, ShardId);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    private void LogIdentifyWait(IdentifySlot slot)
    {
        if (slot.DailyLimit)
        {
            LogStartLimitReached(_logger, slot.Wait.TotalSeconds, ShardId);
        }
        else
        {
            LogIdentifyQueued(_logger, ShardId, slot.Wait.TotalSeconds);
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(Uri baseUrl, bool resume, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})");
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            await socket.ConnectAsync(WithGatewayQuery(baseUrl), stoppingToken);
        }
        catch (WebSocketException exception) when (resume)
        {
            // A resume URL that cannot be reached means starting over on the original URL, as Discord advises.
            LogConnectionFailed(_logger, exception, ShardId);
            return new ConnectionEnd(CloseAction.Reidentify, Healthy: false, CloseCode: null);
        }

        using var sender = new GatewaySender(socket, _time);
        var heartbeat = new HeartbeatLoop();
        var heartbeatTask = Task.CompletedTask;
        var identifying = Task.CompletedTask;
        var healthy = false;
        _currentSender = sender;
        try
        {
            while (true)
            {
                using var frame = await ReceiveAsync(socket, connection.Token);
                if (frame is null)
                {
                    var closeCode = (int?)socket.CloseStatus;
                    var reason = socket.CloseStatusDescription;
                    LogClosed(_logger, closeCode, string.IsNullOrEmpty(reason) ? "(none)" : reason, ShardId);
                    return new ConnectionEnd(GatewayCloseCodes.ActionFor(closeCode), healthy, closeCode, reason);
                }

                if (!GatewayEnvelope.TryRead(frame.RootElement, out var envelope))
                {
                    // A frame we cannot read is skipped, never fatal: the session goes on.
                    LogMalformedFrame(_logger, "no numeric op", ShardId);
                    continue;
                }

                switch (envelope.Op)
                {
                    case GatewayOpCode.Hello:
                        if (!envelope.TryReadHeartbeatInterval(out var interval))
                        {
                            LogMalformedFrame(_logger, "Hello without a heartbeat_interval; reconnecting", ShardId);
                            await CloseAsync(socket, sender, connection.Token);
                            return new ConnectionEnd(CloseAction.Resume, healthy, null);
                        }

                        LogConnected(_logger, interval.TotalMilliseconds, ShardId, resume ? "resume" : "identify");
                        heartbeatTask = heartbeat.RunAsync(sender, interval, _session, _time, () => LogZombie(_logger, ShardId), connection);
                        if (resume)
                        {
                            await sender.SendAsync(GatewayPayloads.ResumeFrame(_options.Token, _session.SessionId!, _session.Sequence), connection.Token);
                        }
                        else
                        {
                            identifying = IdentifyAsync(sender, connection.Token);
                        }

                        break;
                    case GatewayOpCode.HeartbeatAck:
                        heartbeat.Acknowledged();
                        break;
                    case GatewayOpCode.Heartbeat:
                        await sender.SendAsync(GatewayPayloads.HeartbeatFrame(_session.Sequence), connection.Token);
                        break;
                    case GatewayOpCode.Dispatch:
                        healthy |= OnDispatch(envelope);
                        break;
                    case GatewayOpCode.Reconnect:
                        LogServerAsked(_logger, "reconnect", ShardId);
                        await CloseAsync(socket, sender, connection.Token);
                        return new ConnectionEnd(CloseAction.Resume, healthy, null);
                    case GatewayOpCode.InvalidSession:
                        LogServerAsked(_logger, envelope.Resumable ? "resume after invalid session" : "identify after invalid session", ShardId);
                        await CloseAsync(socket, sender, connection.Token);
                        return new ConnectionEnd(envelope.Resumable ? CloseAction.Resume : CloseAction.Reidentify, healthy, null, InvalidSession: true);
                }
            }
        }
        catch (Exception exception) when (heartbeat.IsZombie && exception is OperationCanceledException or WebSocketException)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                throw;
            }

            return new ConnectionEnd(CloseAction.Resume, healthy, null);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or JsonException)
        {
            // A broken socket is no refusal: resume, and report whether the session was up so a long-lived
            // connection that drops is not counted as a failed attempt (which would make the next retry back off).
            LogConnectionFailed(_logger, exception, ShardId);
            return new ConnectionEnd(CloseAction.Resume, healthy, null);
        }
        finally
        {
            _currentSender = null;
            await connection.CancelAsync();
            await heartbeatTask;
            await identifying;
        }
    }

    /// <summary>
    /// Sends IDENTIFY once this shard holds its key's shared identify slot (at once when nothing is shared), then sets
    /// the slot to 5 s from the send (the claim held it pending until then; a claim grown old before the send is renewed). It runs
    /// beside the receive loop, so heartbeats stay answered while another process holds the slot, and it ends quietly
    /// with the connection. When the shared slots fail (their database is down), the shard identifies paced by this
    /// process alone: Discord answers an identify over the limit with op 9, after which the shard identifies again.
    /// </summary>
    private async Task IdentifyAsync(GatewaySender sender, CancellationToken cancellationToken)
    {
        // Built first, so only the send lies between taking the slot and the identify going out.
        var identify = GatewayPayloads.IdentifyFrame(_options.Token, _options.Intents, ShardId, _shardCount, _options.ClientName);
        try
        {
            SharedIdentifyClaim? claim = null;
            try
            {
                claim = await _identifyBudget.TakeSharedSlotAsync(ShardId, OnSharedSlotWait, cancellationToken);
                // A late thread may resume here long after the claim: renew it until it is fresh right before the send.
                while (claim is { } taken && !_identifyBudget.IsFresh(taken))
                {
                    claim = await _identifyBudget.FreshenSharedSlotAsync(ShardId, taken, OnSharedSlotWait, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSharedSlotFailed(_logger, exception, ShardId);
                claim = null;
            }

            await sender.SendAsync(identify, cancellationToken);
            if (claim is { } sent)
            {
                await ConfirmSharedSlotAsync(sent, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended before the identify went out: the receive loop decides what happens next.
        }
    }

    private void OnSharedSlotWait(TimeSpan wait) => LogSharedSlotHeld(_logger, ShardId, wait.TotalSeconds);

    /// <summary>The 5 s count from the identify just sent; if the store fails now, the claim's pending hold stands.</summary>
    private async Task ConfirmSharedSlotAsync(SharedIdentifyClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _identifyBudget.ConfirmSharedSlotAsync(claim, cancellationToken))
            {
                LogSharedSlotLost(_logger, ShardId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSharedSlotFailed(_logger, exception, ShardId);
        }
    }

    /// <summary>Handles a dispatch; true when it proves the session is established (READY or RESUMED).</summary>
    private bool OnDispatch(GatewayEnvelope envelope)
    {
        _session.Observe(envelope.Sequence);
        var data = envelope.Data;
        switch (envelope.EventName)
        {
            case "READY":
                if (data.ValueKind != JsonValueKind.Object
                    || !data.TryGetProperty("session_id", out var session) || session.ValueKind != JsonValueKind.String)
                {
                    LogMalformedFrame(_logger, "READY without a session_id", ShardId);
                    return false;
                }

                _session.Start(
                    session.GetString()!,
                    data.TryGetProperty("resume_gateway_url", out var url) && url.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var resumeUrl)
                        ? resumeUrl
                        : null);
                LearnApplicationId(data);
                _status.Set(ShardId, GatewayConnectionState.Connected);
                LogReady(_logger, ShardId, _shardCount);
                return true;
            case "RESUMED":
                _status.Set(ShardId, GatewayConnectionState.Connected);
                LogResumed(_logger, _session.Sequence ?? -1, ShardId);
                return true;
            case "INTERACTION_CREATE":
                if (ReadInteraction(data) is { } interaction)
                {
                    _queue.Enqueue(interaction);
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Closes with a non-1000 code (keeping the session resumable) and waits briefly for the server's close.</summary>
    private static async Task CloseAsync(ClientWebSocket socket, GatewaySender sender, CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(HeartbeatLoop.CloseGrace);
        try
        {
            await sender.CloseAsync(HeartbeatLoop.ZombieCloseCode, "reconnecting", grace.Token);
            while (await ReceiveAsync(socket, grace.Token) is { } ignored)
            {
                ignored.Dispose();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The server did not finish the close handshake in time; the socket is dropped anyway.
        }
    }

    /// <summary>Without a configured application id, READY's application.id fills the shared holder (options stay untouched).</summary>
    private void LearnApplicationId(JsonElement ready)
    {
        if (ready.TryGetProperty("application", out var application) && application.ValueKind == JsonValueKind.Object
            && application.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && ulong.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var applicationId))
        {
            _application.Learn(applicationId);
        }
    }

    /// <summary>The interaction of an INTERACTION_CREATE, or null (logged) when its payload cannot be read.</summary>
    private Interaction? ReadInteraction(JsonElement data)
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object ? data.Deserialize(DiscordJsonContext.Default.Interaction) : null;
        }
        catch (JsonException exception)
        {
            // Resuming would replay the same event; skipping it keeps the session alive.
            LogUnreadableInteraction(_logger, exception, ShardId);
            return null;
        }
    }

    /// <summary>Reads one whole message; null when the server closed the connection.</summary>
    private static async Task<JsonDocument?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "A gateway message exceeded the size we accept.");
            }

            if (result.EndOfMessage)
            {
                message.Position = 0;
                return await JsonDocument.ParseAsync(message, cancellationToken: cancellationToken);
            }
        }
    }

    private static Uri WithGatewayQuery(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connected (Hello, heartbeat every {IntervalMs} ms) on shard {ShardId}; sending {Handshake}")]
    private static partial void LogConnected(ILogger logger, double intervalMs, int shardId, string handshake);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway READY on shard {ShardId} of {ShardCount}")]
    private static partial void LogReady(ILogger logger, int shardId, int shardCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway session resumed at sequence {Sequence} on shard {ShardId}")]
    private static partial void LogResumed(ILogger logger, int sequence, int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway asked us to {What} on shard {ShardId}")]
    private static partial void LogServerAsked(ILogger logger, string what, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection closed with code {CloseCode}, reason {CloseReason} on shard {ShardId}")]
    private static partial void LogClosed(ILogger logger, int? closeCode, string closeReason, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed on shard {ShardId}")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat on shard {ShardId}: the connection is a zombie, reconnecting")]
    private static partial void LogZombie(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting {Seconds} s before reconnecting ({Failures} failure(s) in a row) on shard {ShardId}")]
    private static partial void LogWaiting(ILogger logger, double seconds, int failures, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session start limit reached; waiting {Seconds} s before identifying shard {ShardId}")]
    private static partial void LogStartLimitReached(ILogger logger, double seconds, int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} waits {Seconds} s for its identify slot (max_concurrency)")]
    private static partial void LogIdentifyQueued(ILogger logger, int shardId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} waits {Seconds} s for its identify slot: another process identified in its max_concurrency bucket")]
    private static partial void LogSharedSlotHeld(ILogger logger, int shardId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}'s identify went out after its shared slot's pending hold ran out and another process took the slot: Discord may answer op 9")]
    private static partial void LogSharedSlotLost(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared identify slots failed; shard {ShardId} identifies paced by this process alone")]
    private static partial void LogSharedSlotFailed(ILogger logger, Exception exception, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a gateway frame we cannot read on shard {ShardId}: {Reason}")]
    private static partial void LogMalformedFrame(ILogger logger, string reason, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an INTERACTION_CREATE whose payload cannot be read on shard {ShardId}")]
    private static partial void LogUnreadableInteraction(ILogger logger, Exception exception, int shardId);
}
