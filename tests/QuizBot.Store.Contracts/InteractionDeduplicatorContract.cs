using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Ports;
using QuizBot.Discord.Interactions;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every replay guard must do, in memory or in a database: an id is taken once within the 15-minute window,
/// by exactly one of many simultaneous callers, and is free again once the window has passed. Time is a fake clock.
/// </summary>
public abstract class InteractionDeduplicatorContract
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A new guard with nothing taken, reading <see cref="Time"/>.</summary>
    protected abstract IInteractionDeduplicator CreateGuard();

    [Fact]
    public async Task An_id_is_taken_the_first_time_and_refused_after()
    {
        var guard = CreateGuard();

        Assert.True(await guard.TryBeginAsync(1_300_000_000_000_000_001, CancellationToken.None));
        Assert.False(await guard.TryBeginAsync(1_300_000_000_000_000_001, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(1_300_000_000_000_000_002, CancellationToken.None));
    }

    [Fact]
    public async Task Ids_past_the_signed_range_are_distinct_from_their_signed_twins()
    {
        var guard = CreateGuard();

        Assert.True(await guard.TryBeginAsync(ulong.MaxValue, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(long.MaxValue, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(1UL << 63, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(0, CancellationToken.None));
        Assert.False(await guard.TryBeginAsync(ulong.MaxValue, CancellationToken.None));
        Assert.False(await guard.TryBeginAsync(1UL << 63, CancellationToken.None));
    }

    [Fact]
    public async Task Of_fifty_simultaneous_deliveries_of_one_id_exactly_one_is_handled()
    {
        var guard = CreateGuard();

        var results = await AllAtOnceAsync(50, _ => guard.TryBeginAsync(42, CancellationToken.None).AsTask());

        Assert.Single(results, taken => taken);
    }

    [Fact]
    public async Task An_id_is_refused_for_the_whole_window_and_taken_again_after_it()
    {
        var guard = CreateGuard();
        Assert.True(await guard.TryBeginAsync(7, CancellationToken.None));

        Time.Advance(IInteractionDeduplicator.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(await guard.TryBeginAsync(7, CancellationToken.None));

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await guard.TryBeginAsync(7, CancellationToken.None));
        Assert.False(await guard.TryBeginAsync(7, CancellationToken.None));
    }
}

/// <summary>
/// What a replay guard kept in a database adds: every instance on the database sees the same receipts, and expired
/// receipts are deleted in bounded batches, only once expired.
/// </summary>
public abstract class SharedInteractionDeduplicatorContract : InteractionDeduplicatorContract
{
    /// <summary>The receipts behind the guard <see cref="InteractionDeduplicatorContract.CreateGuard"/> made last.</summary>
    protected abstract IInteractionReceiptStore Receipts { get; }

    /// <summary>A guard of another instance (its own connections) on the same database as the last <see cref="InteractionDeduplicatorContract.CreateGuard"/>.</summary>
    protected abstract IInteractionDeduplicator CreateGuardOfAnotherInstance();

    [Fact]
    public async Task Two_instances_on_one_database_take_each_id_once_between_them()
    {
        var first = CreateGuard();
        var second = CreateGuardOfAnotherInstance();

        Assert.True(await first.TryBeginAsync(11, CancellationToken.None));
        Assert.False(await second.TryBeginAsync(11, CancellationToken.None));
        Assert.True(await second.TryBeginAsync(12, CancellationToken.None));
        Assert.False(await first.TryBeginAsync(12, CancellationToken.None));

        var raced = await AllAtOnceAsync(40, i => (i % 2 == 0 ? first : second).TryBeginAsync(13, CancellationToken.None).AsTask());
        Assert.Single(raced, taken => taken);
    }

    [Fact]
    public async Task Sweeping_deletes_only_expired_receipts_at_most_a_batch_at_a_time()
    {
        var guard = CreateGuard();
        for (ulong id = 1; id <= 5; id++)
        {
            Assert.True(await guard.TryBeginAsync(id, CancellationToken.None));
        }

        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await guard.TryBeginAsync(6, CancellationToken.None));
        Assert.Equal(0, await Receipts.DeleteExpiredAsync(Time.GetUtcNow(), 100, CancellationToken.None));

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await Receipts.DeleteExpiredAsync(Time.GetUtcNow(), 2, CancellationToken.None));
        Assert.Equal(3, await Receipts.DeleteExpiredAsync(Time.GetUtcNow(), 100, CancellationToken.None));
        Assert.Equal(0, await Receipts.DeleteExpiredAsync(Time.GetUtcNow(), 100, CancellationToken.None));

        // The receipt from ten minutes later survived the sweep and still refuses its id.
        Assert.False(await guard.TryBeginAsync(6, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(1, CancellationToken.None));
    }
}
