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
    public async ValueTask<SharedSlotTake> TryTakeAsync(int rateLimitKey, TimeSpan hold, CancellationToken cancellationToken)
    {
        var claim = await slots.TryClaimAsync(rateLimitKey, time, hold, cancellationToken);
        return new SharedSlotTake(claim.Claimed, claim.NextAllowedAt);
    }

    public ValueTask<DateTimeOffset?> ConfirmAsync(int rateLimitKey, DateTimeOffset heldUntil, DateTimeOffset until, CancellationToken cancellationToken) =>
        slots.ConfirmAsync(rateLimitKey, heldUntil, until, cancellationToken);
}
