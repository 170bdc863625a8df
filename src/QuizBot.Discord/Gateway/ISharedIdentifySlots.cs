namespace QuizBot.Discord.Gateway;

/// <summary>
/// Identify slots shared with the other processes running shards of the same bot, one per rate-limit key
/// (<see cref="ShardRouting.RateLimitKey"/>), so that across all of them at most one shard per key identifies per 5 s.
/// Optional: without one, each process paces only its own shards (<c>IdentifyBudget</c>), which is enough for one
/// process. The app registers one kept in its database.
/// </summary>
public interface ISharedIdentifySlots
{
    /// <summary>
    /// Takes the slot of <paramref name="rateLimitKey"/> if it is free now, holding it for <paramref name="hold"/>
    /// (pending: longer than the identify can take to go out). Taken: <see cref="SharedSlotTake.Until"/> is the time the
    /// slot is now held until, which <see cref="ConfirmAsync"/> compares against. Refused: takes nothing, and Until is
    /// when the slot is next allowed. Now is read as late as the implementation can, right before it takes the slot.
    /// </summary>
    ValueTask<SharedSlotTake> TryTakeAsync(int rateLimitKey, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set: when the slot of <paramref name="rateLimitKey"/> is still held until <paramref name="heldUntil"/>
    /// (nobody took it since), holds it until <paramref name="until"/> instead, earlier or later, and returns the new
    /// held-until time; otherwise changes nothing and returns null. Called once the identify has gone out (until = sent
    /// + 5 s), or to renew a claim that grew too old before its identify could go out.
    /// </summary>
    ValueTask<DateTimeOffset?> ConfirmAsync(int rateLimitKey, DateTimeOffset heldUntil, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>The answer to <see cref="ISharedIdentifySlots.TryTakeAsync"/>: taken, and until when the slot is held (taken or not).</summary>
public readonly record struct SharedSlotTake(bool Taken, DateTimeOffset Until);
