using QuizBot.Discord.Gateway;

namespace QuizBot.Hosting;

/// <summary>Where the gateway connection stands, as far as readiness and the exit code care.</summary>
public enum GatewayState
{
    /// <summary>Not every shard of this process is in a live session: connecting, reconnecting, waiting to retry, or stopped.</summary>
    Connecting,

    /// <summary>Every shard of this process has a session up (READY or RESUMED received).</summary>
    Connected,

    /// <summary>Discord refused the bot in a way reconnecting cannot fix (close 4004, 4010–4014, a rejected token).</summary>
    StoppedFatally,
}

/// <summary>
/// The gateway's state with a few words for the operator (which shard is not connected), and, once it stopped for
/// good, the close code and the one line to tell the operator.
/// </summary>
public sealed record GatewayStatus(GatewayState State, string Detail, int? CloseCode = null, string? Reason = null);

/// <summary>The app's view of the gateway connection: all readiness and the exit code need from QuizBot.Discord.</summary>
public interface IGatewayStatus
{
    GatewayStatus Current { get; }
}

/// <summary>
/// Reads the gateway client's own <see cref="IGatewayConnectionStatus"/>: ready only while every shard this process
/// runs is connected; otherwise the detail names each shard that is not, and how it stands.
/// </summary>
internal sealed class GatewayConnectionStatusAdapter(IGatewayConnectionStatus status) : IGatewayStatus
{
    public GatewayStatus Current
    {
        get
        {
            if (status.State == GatewayConnectionState.Failed)
            {
                var reason = status.FatalReason ?? "Discord refused the bot.";
                return new GatewayStatus(GatewayState.StoppedFatally, $"stopped: {reason}", status.FatalCloseCode, reason);
            }

            var shards = status.Shards;
            var state = status.State == GatewayConnectionState.Connected ? GatewayState.Connected : GatewayState.Connecting;
            return new GatewayStatus(state, Describe(status.State, shards, status.ShardCount));
        }
    }

    /// <summary>
    /// One unsharded bot: just its state ("connected", "reconnecting"). Sharded: the shards not connected, each with its
    /// state, then which shards this process runs ("shard 2 reconnecting (shards 0-3 of 4)").
    /// </summary>
    internal static string Describe(GatewayConnectionState overall, IReadOnlyList<ShardConnectionState> shards, int shardCount)
    {
        if (shardCount <= 1)
        {
            return Word(overall);
        }

        var scope = $"shard{(shards.Count == 1 ? "" : "s")} {ShardIdList.Format(shards.Select(s => s.ShardId))} of {shardCount}";
        if (overall is GatewayConnectionState.Stopped)
        {
            return $"stopped ({scope})";
        }

        var down = shards.Where(s => s.State != GatewayConnectionState.Connected).Select(s => $"shard {s.ShardId} {Word(s.State)}").ToList();
        return down.Count == 0 ? $"connected ({scope})" : $"{string.Join(", ", down)} ({scope})";
    }

    private static string Word(GatewayConnectionState state) => state.ToString().ToLowerInvariant();
}

/// <summary>Ready while every gateway shard of this process has a session up.</summary>
internal sealed class GatewayReadiness(IGatewayStatus gateway) : IReadinessCheck
{
    public string Name => "gateway";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var current = gateway.Current;
        return ValueTask.FromResult(current.State == GatewayState.Connected ? ReadinessResult.Up(current.Detail) : ReadinessResult.Down(current.Detail));
    }
}
