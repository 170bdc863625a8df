using QuizBot.Core.Ports;
using QuizBot.Discord.Gateway;

namespace QuizBot.Hosting;

/// <summary>
/// The gateway's identify slots in the configured store (Storage:Provider): one row per max_concurrency bucket, so
/// every process running shards of the bot on the same database (a SQLite file or PostgreSQL) identifies at most one
/// shard per bucket per 5 s between them.
/// </summary>
public sealed class StoreIdentifySlots(IIdentifySlotStore slots, TimeProvider time) : ISharedIdentifySlots
{
    public async ValueTask<TimeSpan> TryTakeAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken)
    {
        var claim = await slots.TryClaimAsync(rateLimitKey, time, window, cancellationToken);
        if (claim.Claimed)
        {
            return TimeSpan.Zero;
        }

        // Refused always means a wait: never zero, which would read as taken.
        var wait = claim.NextAllowedAt - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
    }

    public ValueTask HoldAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken) =>
        slots.ExtendAsync(rateLimitKey, time.GetUtcNow() + window, cancellationToken);
}
