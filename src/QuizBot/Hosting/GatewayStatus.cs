using QuizBot.Discord.Gateway;

namespace QuizBot.Hosting;

/// <summary>Where the gateway connection stands, as far as readiness and the exit code care.</summary>
public enum GatewayState
{
    /// <summary>Not (yet, or no longer) in a live session: connecting, reconnecting or waiting to retry.</summary>
    Connecting,

    /// <summary>A session is up (READY or RESUMED received).</summary>
    Connected,

    /// <summary>Discord refused the bot in a way reconnecting cannot fix (close 4004, 4010–4014, a rejected token).</summary>
    StoppedFatally,
}

/// <summary>The gateway's state with, once it stopped for good, the close code and the one line to tell the operator.</summary>
public sealed record GatewayStatus(GatewayState State, int? CloseCode = null, string? Reason = null);

/// <summary>The app's view of the gateway connection: all readiness and the exit code need from QuizBot.Discord.</summary>
public interface IGatewayStatus
{
    GatewayStatus Current { get; }
}

/// <summary>
/// Reads <see cref="DiscordGatewayClient"/>'s state from what it exposes: a session id once READY, and its
/// background task faulting with <see cref="DiscordGatewayException"/> when Discord refuses the bot for good.
/// (A session being resumed still counts as connected here; a client that reports reconnects itself can replace this adapter.)
/// </summary>
internal sealed class DiscordGatewayClientStatus(DiscordGatewayClient client) : IGatewayStatus
{
    public GatewayStatus Current
    {
        get
        {
            if (client.ExecuteTask is { IsFaulted: true } task)
            {
                var refused = task.Exception?.InnerExceptions.OfType<DiscordGatewayException>().FirstOrDefault();
                return new GatewayStatus(
                    GatewayState.StoppedFatally,
                    refused?.CloseCode,
                    refused?.Message ?? $"The gateway client stopped: {task.Exception?.InnerException?.Message}");
            }

            return client.SessionId is not null && client.ExecuteTask is { IsCompleted: false }
                ? new GatewayStatus(GatewayState.Connected)
                : new GatewayStatus(GatewayState.Connecting);
        }
    }
}

/// <summary>Ready while a gateway session is up.</summary>
internal sealed class GatewayReadiness(IGatewayStatus gateway) : IReadinessCheck
{
    public string Name => "gateway";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(gateway.Current switch
        {
            { State: GatewayState.Connected } => ReadinessResult.Up("connected"),
            { State: GatewayState.StoppedFatally, Reason: var reason } => ReadinessResult.Down($"stopped: {reason}"),
            _ => ReadinessResult.Down("connecting"),
        });
}
