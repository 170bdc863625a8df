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
    /// Takes the slot of <paramref name="rateLimitKey"/> if it is free now, holding it for <paramref name="window"/>:
    /// returns zero, and the caller identifies at once. When another holder has it, takes nothing and returns how long
    /// until it frees (then ask again). Now is read as late as the implementation can, right before it takes the slot,
    /// so the window starts as close as possible to the identify it allows.
    /// </summary>
    ValueTask<TimeSpan> TryTakeAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Once the identify has gone out: keeps the slot of <paramref name="rateLimitKey"/> taken for
    /// <paramref name="window"/> from now (never shorter than it was), so the spacing counts from the identify itself,
    /// not from when <see cref="TryTakeAsync"/> read its clock.
    /// </summary>
    ValueTask HoldAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken);
}
