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
/// Keeps one gateway session alive (heartbeats, resume, re-identify) and hands every INTERACTION_CREATE to the
/// <see cref="InteractionDispatcher"/>, answering through POST /interactions/{id}/{token}/callback.
/// Stops with a <see cref="DiscordGatewayException"/> (faulting <see cref="BackgroundService.ExecuteTask"/>)
/// when Discord refuses the bot for good.
/// </summary>
public sealed partial class DiscordGatewayClient : BackgroundService
{
    private const int ClientReconnectCloseCode = 4000;
    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    private readonly IDiscordRestClient _rest;
    private readonly InteractionDispatcher _dispatcher;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;

    // Session state survives connections; the sequence is read by the heartbeat task too.
    private string? _sessionId;
    private Uri? _resumeUrl;
    private int _sequence = -1;
    private SessionStartLimit? _startLimit;
    private DateTimeOffset _startLimitResetAt;
    private readonly Queue<DateTimeOffset> _recentIdentifies = new();

    public DiscordGatewayClient(
        IDiscordRestClient rest,
        InteractionDispatcher dispatcher,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordGatewayClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _dispatcher = dispatcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The current session id (from READY), or null before the first READY.</summary>
    public string? SessionId => _sessionId;

    private int? Sequence => Volatile.Read(ref _sequence) is var value and >= 0 ? value : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gatewayUrl = await ResolveGatewayUrlAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resume = _sessionId is not null && _resumeUrl is not null;
            ConnectionEnd end;
            try
            {
                if (!resume)
                {
                    await WaitToIdentifyAsync(stoppingToken);
                }

                end = await RunConnectionAsync(resume ? _resumeUrl! : gatewayUrl, resume, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or JsonException)
            {
                LogConnectionFailed(_logger, exception);
                end = new ConnectionEnd(CloseAction.Resume, Healthy: false, CloseCode: null);
            }

            if (end.Action == CloseAction.Stop)
            {
                var message = GatewayCloseCodes.Describe(end.CloseCode ?? 0);
                LogRefused(_logger, message);
                throw new DiscordGatewayException(end.CloseCode ?? 0, message);
            }

            if (end.Action == CloseAction.Reidentify)
            {
                _sessionId = null;
                _resumeUrl = null;
                Volatile.Write(ref _sequence, -1);
            }

            failures = end.Healthy ? 0 : failures + 1;
            if (failures >= 2)
            {
                var delay = BackoffDelay(failures);
                LogBackingOff(_logger, failures, delay.TotalSeconds);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    /// <summary>The first retry is immediate; later ones wait 1, 2, 4... seconds (capped), with jitter.</summary>
    internal static TimeSpan BackoffDelay(int failures)
    {
        var exponential = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures - 2, 6)));
        var capped = exponential < MaxReconnectDelay ? exponential : MaxReconnectDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
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
                _startLimit = gateway.SessionStartLimit;
                _startLimitResetAt = _time.GetUtcNow() + TimeSpan.FromMilliseconds(gateway.SessionStartLimit?.ResetAfter ?? 0);
                return gateway.Url ?? throw new DiscordGatewayException("GET /gateway/bot returned no url.");
            }
            catch (DiscordApiException exception) when (exception.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                LogRefused(_logger, "Discord rejected the bot token on GET /gateway/bot: check Discord:Token.");
                throw new DiscordGatewayException(GatewayCloseCodes.AuthenticationFailed, "Discord rejected the bot token on GET /gateway/bot: check Discord:Token.");
            }
            catch (Exception exception) when (exception is HttpRequestException or DiscordApiException)
            {
                var delay = BackoffDelay(attempt + 1);
                LogGatewayLookupFailed(_logger, exception, delay.TotalSeconds);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    /// <summary>Honours session_start_limit (daily identifies) and max_concurrency (identifies per 5 s).</summary>
    private async Task WaitToIdentifyAsync(CancellationToken stoppingToken)
    {
        if (_startLimit is not { } limit)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (now >= _startLimitResetAt && _startLimitResetAt != default)
        {
            limit = limit with { Remaining = limit.Total };
        }

        if (limit.Remaining <= 0)
        {
            var wait = _startLimitResetAt - now;
            LogStartLimitReached(_logger, wait.TotalSeconds);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, stoppingToken);
            limit = limit with { Remaining = limit.Total };
            _startLimitResetAt = _time.GetUtcNow() + TimeSpan.FromDays(1);
        }

        while (_recentIdentifies.Count > 0 && _time.GetUtcNow() - _recentIdentifies.Peek() >= IdentifyWindow)
        {
            _recentIdentifies.Dequeue();
        }

        if (_recentIdentifies.Count >= Math.Max(1, limit.MaxConcurrency))
        {
            await Task.Delay(_recentIdentifies.Dequeue() + IdentifyWindow - _time.GetUtcNow(), _time, stoppingToken);
        }

        _recentIdentifies.Enqueue(_time.GetUtcNow());
        _startLimit = limit with { Remaining = limit.Remaining - 1 };
    }

    private async Task<ConnectionEnd> RunConnectionAsync(Uri baseUrl, bool resume, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
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

        LogConnected(_logger, resume ? "resume" : "identify");

        using var sender = new GatewaySender(socket, _time);
        var heartbeat = new HeartbeatState();
        Task heartbeatTask = Task.CompletedTask;
        var healthy = false;
        try
        {
            while (true)
            {
                using var frame = await ReceiveAsync(socket, connection.Token);
                if (frame is null)
                {
                    var closeCode = (int?)socket.CloseStatus;
                    LogClosed(_logger, closeCode);
                    return new ConnectionEnd(GatewayCloseCodes.ActionFor(closeCode), healthy, closeCode);
                }

                var root = frame.RootElement;
                if (!TryReadOp(root, out var op))
                {
                    // A frame we cannot read is skipped, never fatal: the session goes on.
                    LogMalformedFrame(_logger, "no numeric op");
                    continue;
                }

                switch (op)
                {
                    case GatewayPayloads.Hello:
                        if (!TryReadHeartbeatInterval(root, out var interval))
                        {
                            LogMalformedFrame(_logger, "Hello without a heartbeat_interval; reconnecting");
                            await CloseAsync(socket, sender, connection.Token);
                            return new ConnectionEnd(CloseAction.Resume, healthy, null);
                        }

                        heartbeatTask = RunHeartbeatAsync(sender, interval, heartbeat, connection, connection.Token);
                        await sender.SendAsync(
                            resume
                                ? GatewayPayloads.ResumeFrame(_options.Token, _sessionId!, Sequence)
                                : GatewayPayloads.IdentifyFrame(_options.Token, _options.Intents, _options.ShardId, _options.ShardCount),
                            connection.Token);
                        break;
                    case GatewayPayloads.HeartbeatAck:
                        heartbeat.Acknowledged();
                        break;
                    case GatewayPayloads.Heartbeat:
                        await sender.SendAsync(GatewayPayloads.HeartbeatFrame(Sequence), connection.Token);
                        break;
                    case GatewayPayloads.Dispatch:
                        healthy |= OnDispatch(root, stoppingToken);
                        break;
                    case GatewayPayloads.Reconnect:
                        LogServerAsked(_logger, "reconnect");
                        await CloseAsync(socket, sender, connection.Token);
                        return new ConnectionEnd(CloseAction.Resume, healthy, null);
                    case GatewayPayloads.InvalidSession:
                        var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                        LogServerAsked(_logger, resumable ? "resume after invalid session" : "identify after invalid session");
                        await CloseAsync(socket, sender, connection.Token);
                        return new ConnectionEnd(resumable ? CloseAction.Resume : CloseAction.Reidentify, healthy, null);
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
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await CloseOnShutdownAsync(sender);
            throw;
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
            await connection.CancelAsync();
            await heartbeatTask.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Handles a dispatch; true when it proves the session is established (READY or RESUMED).</summary>
    private bool OnDispatch(JsonElement root, CancellationToken stoppingToken)
    {
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number)
        {
            Volatile.Write(ref _sequence, s.GetInt32());
        }

        var type = root.TryGetProperty("t", out var t) ? t.GetString() : null;
        var data = root.TryGetProperty("d", out var d) ? d : default;
        switch (type)
        {
            case "READY":
                if (data.ValueKind != JsonValueKind.Object
                    || !data.TryGetProperty("session_id", out var session) || session.ValueKind != JsonValueKind.String)
                {
                    LogMalformedFrame(_logger, "READY without a session_id");
                    return false;
                }

                _sessionId = session.GetString();
                _resumeUrl = data.TryGetProperty("resume_gateway_url", out var url) && url.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var resumeUrl)
                    ? resumeUrl
                    : null;
                LearnApplicationId(data);
                LogReady(_logger, _options.ShardId);
                return true;
            case "RESUMED":
                LogResumed(_logger, Sequence ?? -1);
                return true;
            case "INTERACTION_CREATE":
                var interaction = ReadInteraction(data);
                if (interaction is not null)
                {
                    _ = AnswerAsync(interaction, stoppingToken);
                }

                return false;
            default:
                return false;
        }
    }

    private async Task AnswerAsync(Interaction interaction, CancellationToken stoppingToken)
    {
        try
        {
            await _dispatcher.DispatchAsync(
                interaction,
                (response, token) => response.Data is { HasFiles: true }
                    ? _rest.CreateInteractionResponseWithFilesAsync(interaction.Id, interaction.Token, response, token)
                    : _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, token),
                initialCarriesFiles: true,
                stoppingToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogAnswerFailed(_logger, exception, interaction.Id);
        }
    }

    private async Task RunHeartbeatAsync(GatewaySender sender, TimeSpan interval, HeartbeatState state, CancellationTokenSource connection, CancellationToken cancellationToken)
    {
        try
        {
            // The first beat is jittered so many clients reconnecting at once do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), _time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!state.TryBeat())
                {
                    LogZombie(_logger);
                    await sender.CloseAsync(ClientReconnectCloseCode, "no heartbeat ack", cancellationToken);

                    // Give the server a moment to answer the close, then drop the socket.
                    connection.CancelAfter(CloseGrace);
                    return;
                }

                await sender.SendAsync(GatewayPayloads.HeartbeatFrame(Sequence), cancellationToken);
                await Task.Delay(interval, _time, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop decides what happens next.
        }
    }

    /// <summary>Closes with a non-1000 code (keeping the session resumable) and waits briefly for the server's close.</summary>
    private static async Task CloseAsync(ClientWebSocket socket, GatewaySender sender, CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(CloseGrace);
        try
        {
            await sender.CloseAsync(ClientReconnectCloseCode, "reconnecting", grace.Token);
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

    private static async Task CloseOnShutdownAsync(GatewaySender sender)
    {
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await sender.CloseAsync((int)WebSocketCloseStatus.NormalClosure, "shutting down", grace.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Shutting down regardless.
        }
    }

    /// <summary>
    /// Without a configured application id (a token that does not encode it), READY's application.id fills it in:
    /// the REST client reads the same options instance for its webhook routes (deferred replies, follow-ups).
    /// </summary>
    private void LearnApplicationId(JsonElement ready)
    {
        if (_options.ApplicationId == 0
            && ready.TryGetProperty("application", out var application) && application.ValueKind == JsonValueKind.Object
            && application.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && ulong.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var applicationId))
        {
            _options.ApplicationId = applicationId;
        }
    }

    private static bool TryReadOp(JsonElement root, out int op)
    {
        op = 0;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("op", out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out op);
    }

    private static bool TryReadHeartbeatInterval(JsonElement root, out TimeSpan interval)
    {
        interval = default;
        if (!root.TryGetProperty("d", out var d) || d.ValueKind != JsonValueKind.Object
            || !d.TryGetProperty("heartbeat_interval", out var value) || !value.TryGetDouble(out var milliseconds)
            || milliseconds <= 0)
        {
            return false;
        }

        interval = TimeSpan.FromMilliseconds(milliseconds);
        return true;
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

    private sealed record ConnectionEnd(CloseAction Action, bool Healthy, int? CloseCode);

    /// <summary>Tracks whether the last heartbeat was acknowledged; a missing ack marks a zombie connection.</summary>
    private sealed class HeartbeatState
    {
        private int _awaitingAck;
        private int _zombie;

        public bool IsZombie => Volatile.Read(ref _zombie) == 1;

        public void Acknowledged() => Volatile.Write(ref _awaitingAck, 0);

        /// <summary>False when the previous beat was never acknowledged.</summary>
        public bool TryBeat()
        {
            if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
            {
                Volatile.Write(ref _zombie, 1);
                return false;
            }

            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connected; sending {Handshake}")]
    private static partial void LogConnected(ILogger logger, string handshake);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway READY on shard {ShardId}")]
    private static partial void LogReady(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, int sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway asked us to {What}")]
    private static partial void LogServerAsked(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection closed with code {CloseCode}")]
    private static partial void LogClosed(ILogger logger, int? closeCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat: the connection is a zombie, reconnecting")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway failed {Failures} times in a row; waiting {Seconds} s")]
    private static partial void LogBackingOff(ILogger logger, int failures, double seconds);

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering interaction {InteractionId} from the gateway failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, ulong interactionId);
}
