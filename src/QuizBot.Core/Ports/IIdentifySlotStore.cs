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
    /// <paramref name="hold"/> and the claim is <see cref="IdentifySlotClaim.Claimed"/>; otherwise nothing changes
    /// and the claim says when the slot is next allowed. Of many concurrent claims on one free slot, from any number of
    /// instances, exactly one wins. The caller holds the slot pending for longer than its identify can take to go out,
    /// then sets the real time with <see cref="ConfirmAsync"/>.
    /// </summary>
    ValueTask<IdentifySlotClaim> TryClaimAsync(int bucket, TimeProvider clock, TimeSpan hold, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set: when the next-allowed time of <paramref name="bucket"/> is still <paramref name="claimed"/>
    /// (the <see cref="IdentifySlotClaim.NextAllowedAt"/> of the caller's winning claim, or of its last confirm), sets it
    /// to <paramref name="until"/>, earlier or later, and returns the time now stored (the next compare's value);
    /// otherwise another claim took the slot since, nothing changes and it returns null. The winner of a claim calls it
    /// once its identify has gone out (until = sent + spacing), or to renew a claim grown too old before the send.
    /// </summary>
    ValueTask<DateTimeOffset?> ConfirmAsync(int bucket, DateTimeOffset claimed, DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>The answer to a claim: whether it won the slot, and when the slot is next allowed (after this claim, if it won).</summary>
public readonly record struct IdentifySlotClaim(bool Claimed, DateTimeOffset NextAllowedAt);
