using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive and hands every INTERACTION_CREATE to a bounded queue in front of the
/// <see cref="InteractionDispatcher"/>. The parts live apart: <see cref="GatewaySession"/> (what survives a
/// connection), <see cref="HeartbeatLoop"/>, <see cref="IdentifyBudget"/> and <see cref="ReconnectStrategy"/>.
/// Stopping lets interactions in flight be answered first, then closes with 1000. Stops with a
/// <see cref="DiscordGatewayException"/> (faulting <see cref="BackgroundService.ExecuteTask"/>, and
/// <see cref="Status"/> Failed) when Discord refuses the bot for good.
/// </summary>
public sealed partial class DiscordGatewayClient : BackgroundService
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly IDiscordRestClient _rest;
    private readonly InteractionDispatcher _dispatcher;
    private readonly DiscordApplication _application;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly GatewaySession _session = new();
    private readonly IdentifyBudget _identifyBudget;
    private readonly GatewayInteractionQueue _queue;
    private readonly GatewayConnectionStatus _status = new();
    private volatile GatewaySender? _currentSender;
    private volatile bool _stopRequested;

    public DiscordGatewayClient(
        IDiscordRestClient rest,
        InteractionDispatcher dispatcher,
        DiscordApplication application,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordGatewayClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _dispatcher = dispatcher;
        _application = application;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _identifyBudget = new IdentifyBudget(time);
        _queue = new GatewayInteractionQueue(dispatcher, rest, _options.GatewayQueueCapacity, _options.GatewayConcurrency, logger);
    }

    /// <summary>The current session id (from READY), or null before the first READY.</summary>
    public string? SessionId => _session.SessionId;

    /// <summary>Connected, reconnecting, stopped, or failed with Discord's close code.</summary>
    public IGatewayConnectionStatus Status => _status;

    /// <summary>Answers what is in flight (bounded by <see cref="DiscordOptions.DrainTimeout"/>), then closes the socket with 1000.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopRequested = true;
        await _dispatcher.DrainAsync(_options.DrainTimeout, cancellationToken);
        await CloseForShutdownAsync(cancellationToken);
        _status.Set(GatewayConnectionState.Stopped);
        await base.StopAsync(cancellationToken);
        await _queue.DisposeAsync();
    }

    /// <summary>The first retry is immediate; later ones wait 1, 2, 4... seconds (capped), with jitter.</summary>
    internal static TimeSpan BackoffDelay(int failures) => ReconnectStrategy.BackoffDelay(failures);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _queue.Start();
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped on request.
        }

        _status.Set(GatewayConnectionState.Stopped);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var gatewayUrl = await ResolveGatewayUrlAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested && !_stopRequested)
        {
            var resume = _session.CanResume;
            ConnectionEnd end;
            try
            {
                if (!resume)
                {
                    await _identifyBudget.WaitAsync(wait => LogStartLimitReached(_logger, wait.TotalSeconds), stoppingToken);
                }

                end = await RunConnectionAsync(resume ? _session.ResumeUrl! : gatewayUrl, resume, stoppingToken);
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or JsonException)
            {
                LogConnectionFailed(_logger, exception);
                end = new ConnectionEnd(CloseAction.Resume, Healthy: false, CloseCode: null);
            }

            if (_stopRequested)
            {
                return;
            }

            if (end.Action == CloseAction.Stop)
            {
                var message = GatewayCloseCodes.Describe(end.CloseCode ?? 0);
                LogRefused(_logger, message);
                _status.Fail(end.CloseCode, message);
                throw new DiscordGatewayException(end.CloseCode ?? 0, message);
            }

            if (end.Action == CloseAction.Reidentify)
            {
                _session.Forget();
            }

            _status.Set(GatewayConnectionState.Reconnecting);
            failures = end.Healthy ? 0 : failures + 1;
            var delay = ReconnectStrategy.DelayBefore(end, failures);
            if (delay > TimeSpan.Zero)
            {
                LogWaiting(_logger, delay.TotalSeconds, failures);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    private async Task<Uri> ResolveGatewayUrlAsync(CancellationToken stoppingToken)
    {
        if (_options.GatewayUrl is { } configured)
        {
            return configured;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var gateway = await _rest.GetGatewayBotAsync(stoppingToken);
                _identifyBudget.Learn(gateway.SessionStartLimit);
                return gateway.Url ?? throw new DiscordGatewayException("GET /gateway/bot returned no url.");
            }
            catch (DiscordApiException exception) when (exception.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                const string message = "Discord rejected the bot token on GET /gateway/bot: check Discord:Token.";
                LogRefused(_logger, message);
                _status.Fail(GatewayCloseCodes.AuthenticationFailed, message);
                throw new DiscordGatewayException(GatewayCloseCodes.AuthenticationFailed, message);
            }
            catch (Exception exception) when (exception is HttpRequestException or DiscordApiException)
            {
                var delay = ReconnectStrategy.BackoffDelay(attempt + 1);
                LogGatewayLookupFailed(_logger, exception, delay.TotalSeconds);
                await Task.Delay(delay, _time, stoppingToken);
            }
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
            LogConnectionFailed(_logger, exception);
            return new ConnectionEnd(CloseAction.Reidentify, Healthy: false, CloseCode: null);
        }

        using var sender = new GatewaySender(socket, _time);
        var heartbeat = new HeartbeatLoop();
        var heartbeatTask = Task.CompletedTask;
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
                    LogClosed(_logger, closeCode, string.IsNullOrEmpty(reason) ? "(none)" : reason);
                    return new ConnectionEnd(GatewayCloseCodes.ActionFor(closeCode), healthy, closeCode, reason);
                }

                if (!GatewayEnvelope.TryRead(frame.RootElement, out var envelope))
                {
                    // A frame we cannot read is skipped, never fatal: the session goes on.
                    LogMalformedFrame(_logger, "no numeric op");
                    continue;
                }

                switch (envelope.Op)
                {
                    case GatewayOpCode.Hello:
                        if (!envelope.TryReadHeartbeatInterval(out var interval))
                        {
                            LogMalformedFrame(_logger, "Hello without a heartbeat_interval; reconnecting");
                            await CloseAsync(socket, sender, connection.Token);
                            return new ConnectionEnd(CloseAction.Resume, healthy, null);
                        }

                        LogConnected(_logger, interval.TotalMilliseconds, resume ? "resume" : "identify");
                        heartbeatTask = heartbeat.RunAsync(sender, interval, _session, _time, () => LogZombie(_logger), connection);
                        await sender.SendAsync(
                            resume
                                ? GatewayPayloads.ResumeFrame(_options.Token, _session.SessionId!, _session.Sequence)
                                : GatewayPayloads.IdentifyFrame(_options.Token, _options.Intents, _options.ShardId, _options.ShardCount, _options.ClientName),
                            connection.Token);
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
                        LogServerAsked(_logger, "reconnect");
                        await CloseAsync(socket, sender, connection.Token);
                        return new ConnectionEnd(CloseAction.Resume, healthy, null);
                    case GatewayOpCode.InvalidSession:
                        LogServerAsked(_logger, envelope.Resumable ? "resume after invalid session" : "identify after invalid session");
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
            LogConnectionFailed(_logger, exception);
            return new ConnectionEnd(CloseAction.Resume, healthy, null);
        }
        finally
        {
            _currentSender = null;
            await connection.CancelAsync();
            await heartbeatTask;
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
                    LogMalformedFrame(_logger, "READY without a session_id");
                    return false;
                }

                _session.Start(
                    session.GetString()!,
                    data.TryGetProperty("resume_gateway_url", out var url) && url.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var resumeUrl)
                        ? resumeUrl
                        : null);
                LearnApplicationId(data);
                _status.Set(GatewayConnectionState.Connected);
                LogReady(_logger, _options.ShardId);
                return true;
            case "RESUMED":
                _status.Set(GatewayConnectionState.Connected);
                LogResumed(_logger, _session.Sequence ?? -1);
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

    /// <summary>Sends close 1000 on the live connection and waits briefly for the server's answer.</summary>
    private async Task CloseForShutdownAsync(CancellationToken cancellationToken)
    {
        if (_currentSender is not { } sender)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(HeartbeatLoop.CloseGrace);
        try
        {
            await sender.CloseAsync((int)WebSocketCloseStatus.NormalClosure, "shutting down", grace.Token);
            if (ExecuteTask is { } running)
            {
                await running.WaitAsync(grace.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException or DiscordGatewayException)
        {
            // Shutting down regardless.
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
            LogUnreadableInteraction(_logger, exception);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connected (Hello, heartbeat every {IntervalMs} ms); sending {Handshake}")]
    private static partial void LogConnected(ILogger logger, double intervalMs, string handshake);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway READY on shard {ShardId}")]
    private static partial void LogReady(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, int sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway asked us to {What}")]
    private static partial void LogServerAsked(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection closed with code {CloseCode}, reason {CloseReason}")]
    private static partial void LogClosed(ILogger logger, int? closeCode, string closeReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat: the connection is a zombie, reconnecting")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting {Seconds} s before reconnecting ({Failures} failure(s) in a row)")]
    private static partial void LogWaiting(ILogger logger, double seconds, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session start limit reached; waiting {Seconds} s before identifying")]
    private static partial void LogStartLimitReached(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /gateway/bot failed; retrying in {Seconds} s")]
    private static partial void LogGatewayLookupFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gateway stopped for good: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a gateway frame we cannot read: {Reason}")]
    private static partial void LogMalformedFrame(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an INTERACTION_CREATE whose payload cannot be read")]
    private static partial void LogUnreadableInteraction(ILogger logger, Exception exception);
}
