namespace QuizBot.Discord.Gateway;

/// <summary>What the client does after a connection ends.</summary>
internal sealed record ConnectionEnd(CloseAction Action, bool Healthy, int? CloseCode, string? CloseReason = null, bool InvalidSession = false);

/// <summary>
/// The reconnect rules of the protocol guide: resume on op 7, on op 9 d:true, on resumable close codes and dropped
/// sockets; identify afresh on op 9 d:false (after a random 1–5 s, as Discord asks) and on 4007/4009; stop on 4004
/// and 4010–4014. Repeated failures back off exponentially with jitter; the first retry is immediate.
/// </summary>
internal static class ReconnectStrategy
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(60);

    /// <summary>The first retry is immediate; later ones wait 1, 2, 4... seconds (capped), with jitter.</summary>
    public static TimeSpan BackoffDelay(int failures)
    {
        var exponential = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures - 2, 6)));
        var capped = exponential < MaxReconnectDelay ? exponential : MaxReconnectDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    /// <summary>After op 9 d:false: a random wait of 1 to 5 seconds before identifying again.</summary>
    public static TimeSpan InvalidSessionDelay(double random) => TimeSpan.FromSeconds(1 + (4 * Math.Clamp(random, 0, 1)));

    /// <summary>The wait before the next connection, or zero to go at once.</summary>
    public static TimeSpan DelayBefore(ConnectionEnd end, int failures)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (end.InvalidSession && end.Action == CloseAction.Reidentify)
        {
            return InvalidSessionDelay(Random.Shared.NextDouble());
        }

        return failures >= 2 ? BackoffDelay(failures) : TimeSpan.Zero;
    }
}
