namespace QuizBot.Core.Ports;

/// <summary>
/// The gateway's identify slots, one row per rate-limit bucket (<c>shard_id % max_concurrency</c>), kept where every
/// process running shards of the bot sees them (the database), so that across all of them at most one shard per bucket
/// identifies per spacing (Discord's 5 s). A slot is free once its next-allowed time has passed; taking it moves that
/// time forward. Times come from the caller's clock, read by the store right before its compare-and-set (once it has
/// its connection), so a window starts as close as it can to the identify it allows; processes on several machines
/// need synchronised clocks.
/// </summary>
public interface IIdentifySlotStore
{
    /// <summary>
    /// Claims the slot of <paramref name="bucket"/> in one compare-and-set at now (read from <paramref name="clock"/>):
    /// when it has no row yet or its next-allowed time is at or before now, that time becomes now +
    /// <paramref name="spacing"/> and the claim is <see cref="IdentifySlotClaim.Claimed"/>; otherwise nothing changes
    /// and the claim says when the slot is next allowed. Of many concurrent claims on one free slot, from any number of
    /// instances, exactly one wins.
    /// </summary>
    ValueTask<IdentifySlotClaim> TryClaimAsync(int bucket, TimeProvider clock, TimeSpan spacing, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the next-allowed time of <paramref name="bucket"/> to <paramref name="until"/> when that is later (never
    /// earlier): the winner of a claim calls it once its identify has gone out, so the spacing counts from the identify
    /// itself, however long the claim took to come back.
    /// </summary>
    ValueTask ExtendAsync(int bucket, DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>The answer to a claim: whether it won the slot, and when the slot is next allowed (after this claim, if it won).</summary>
public readonly record struct IdentifySlotClaim(bool Claimed, DateTimeOffset NextAllowedAt);
