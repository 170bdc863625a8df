using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// Runs this process's gateway shards (Discord:ShardIds of Discord:ShardCount; by default the one shard of one) and
/// hands every INTERACTION_CREATE, from whichever shard, to one bounded queue in front of the
/// <see cref="InteractionDispatcher"/>. Each <see cref="GatewayShard"/> keeps its own session, heartbeat and resume;
/// they share the <see cref="IdentifyBudget"/> (session_start_limit and max_concurrency of GET /gateway/bot; with an
/// <see cref="ISharedIdentifySlots"/>, the max_concurrency slots are shared with other processes too) and the
/// <see cref="Status"/>. Stopping lets interactions in flight be answered first, then closes every socket with 1000.
/// Stops every shard with a <see cref="DiscordGatewayException"/> (faulting <see cref="BackgroundService.ExecuteTask"/>,
/// and <see cref="Status"/> Failed) when Discord refuses the bot for good.
/// </summary>
public sealed partial class DiscordGatewayClient : BackgroundService
{
    private readonly IDiscordRestClient _rest;
    private readonly InteractionDispatcher _dispatcher;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly IdentifyBudget _identifyBudget;
    private readonly GatewayInteractionQueue _queue;
    private readonly GatewayConnectionStatus _status;
    private readonly GatewayShard[] _shards;

    /// <exception cref="ArgumentException">Discord:ShardCount or Discord:ShardIds is invalid (the message says which).</exception>
    public DiscordGatewayClient(
        IDiscordRestClient rest,
        InteractionDispatcher dispatcher,
        DiscordApplication application,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordGatewayClient> logger,
        ISharedIdentifySlots? sharedIdentifySlots = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _dispatcher = dispatcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (!ShardIdList.TryParse(_options.ShardIds, _options.ShardCount, out var shardIds, out var error))
        {
            throw new ArgumentException($"Discord:ShardIds '{_options.ShardIds}' with Discord:ShardCount {_options.ShardCount}: {error}.", nameof(options));
        }

        _identifyBudget = new IdentifyBudget(time, sharedIdentifySlots);
        _status = new GatewayConnectionStatus(shardIds, _options.ShardCount);
        _queue = new GatewayInteractionQueue(dispatcher, rest, _options.GatewayQueueCapacity, _options.GatewayConcurrency, logger);
        _shards = [.. shardIds.Select(id => new GatewayShard(id, _options.ShardCount, _options, application, _identifyBudget, _queue, _status, time, logger))];
    }

    /// <summary>The session id (from READY) of this process's first shard, or null before its first READY.</summary>
    public string? SessionId => _shards[0].SessionId;

    /// <summary>The shards this process runs, ascending.</summary>
    public IReadOnlyList<int> ShardIds => [.. _shards.Select(s => s.ShardId)];

    /// <summary>Connected, reconnecting, stopped, or failed with Discord's close code; per shard and for the whole process.</summary>
    public IGatewayConnectionStatus Status => _status;

    /// <summary>Answers what is in flight (bounded by <see cref="DiscordOptions.DrainTimeout"/>), then closes every shard's socket with 1000.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var shard in _shards)
        {
            shard.RequestStop();
        }

        await _dispatcher.DrainAsync(_options.DrainTimeout, cancellationToken);
        await Task.WhenAll(_shards.Select(shard => shard.CloseForShutdownAsync(cancellationToken)));
        _status.Stopped();
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
            var gatewayUrl = await ResolveGatewayUrlAsync(stoppingToken);
            LogShards(_logger, ShardIdList.Format(ShardIds), _options.ShardCount, _identifyBudget.MaxConcurrency, _identifyBudget.IsShared ? "paced with the other processes" : "paced in this process");
            using var anyFailed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAll(_shards.Select(shard => RunShardAsync(shard, gatewayUrl, anyFailed)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped on request.
        }
        catch (DiscordGatewayException exception)
        {
            // Refused before any shard ran (GET /gateway/bot); a shard's refusal is already recorded.
            Refused(exception);
            throw;
        }
        finally
        {
            // Also after a failure nobody expected: readiness then says stopped, and the fault says why.
            _status.Stopped();
        }
    }

    /// <summary>
    /// Runs one shard. When it ends in failure every other shard stops too, so the client fails as a whole (and the host
    /// with it) rather than running on with a shard silently gone; a refusal from Discord is recorded once.
    /// </summary>
    private async Task RunShardAsync(GatewayShard shard, Uri gatewayUrl, CancellationTokenSource anyFailed)
    {
        try
        {
            await shard.StartAsync(gatewayUrl, anyFailed.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The token, intents and shard count are the bot's, not the shard's: no other shard can do better.
            if (exception is DiscordGatewayException refused)
            {
                Refused(refused);
            }

            await anyFailed.CancelAsync();
            throw;
        }
    }

    /// <summary>Records the first refusal (readiness and the exit code read it) and logs it once.</summary>
    private void Refused(DiscordGatewayException exception)
    {
        if (_status.Fail(exception.CloseCode, exception.Message))
        {
            LogRefused(_logger, exception.Message);
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
                if (gateway.Shards > _options.ShardCount)
                {
                    LogFewerShardsThanRecommended(_logger, _options.ShardCount, gateway.Shards);
                }

                return gateway.Url ?? throw new DiscordGatewayException("GET /gateway/bot returned no url.");
            }
            catch (DiscordApiException exception) when (exception.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                throw new DiscordGatewayException(GatewayCloseCodes.AuthenticationFailed, "Discord rejected the bot token on GET /gateway/bot: check Discord:Token.");
            }
            catch (Exception exception) when (exception is HttpRequestException or DiscordApiException)
            {
                var delay = ReconnectStrategy.BackoffDelay(attempt + 1);
                LogGatewayLookupFailed(_logger, exception, delay.TotalSeconds);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway: running shard(s) {ShardIds} of {ShardCount}; identifies: max_concurrency {MaxConcurrency}, {Pacing}")]
    private static partial void LogShards(ILogger logger, string shardIds, int shardCount, int maxConcurrency, string pacing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord:ShardCount is {ShardCount} but GET /gateway/bot recommends {Recommended} shards")]
    private static partial void LogFewerShardsThanRecommended(ILogger logger, int shardCount, int recommended);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /gateway/bot failed; retrying in {Seconds} s")]
    private static partial void LogGatewayLookupFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gateway stopped for good: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
