namespace QuizBot.Core.Ports;

/// <summary>
/// Receipts of the Discord interaction ids already taken, kept where every instance sees them (the database), so an
/// interaction delivered twice (a replayed request, a gateway event seen again, the same request reaching two
/// instances) is handled once. A receipt lives until its expiry; after that the id counts as new again.
/// Ids are Discord snowflakes: only equality matters.
/// </summary>
public interface IInteractionReceiptStore
{
    /// <summary>
    /// Records a receipt for <paramref name="interactionId"/> valid until <paramref name="expiresAt"/>, in one atomic
    /// statement. True when this call took the id (no receipt, or only one that had expired by <paramref name="now"/>);
    /// false when a live receipt exists, changing nothing. Of many concurrent calls for one id, exactly one is true.
    /// </summary>
    ValueTask<bool> TryRecordAsync(ulong interactionId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes at most <paramref name="limit"/> receipts expired by <paramref name="now"/>; returns how many went.</summary>
    ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
