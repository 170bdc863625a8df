using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Ports;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every store of the gateway's identify slots must do: a bucket's slot is taken by one claim per hold, by exactly
/// one of many simultaneous claimers on any instance of the database, and buckets are independent; a claim holds the
/// slot pending its send until the claimant confirms it (compare-and-set on its own claim, never on another's). Claims read
/// one fake clock, as processes with synchronised clocks would.
/// </summary>
public abstract class IdentifySlotStoreContract
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds the slot pending its identify's send (the gateway's hold).</summary>
    private static readonly TimeSpan Pending = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A store on a new, empty database.</summary>
    protected abstract IIdentifySlotStore CreateStore();

    /// <summary>A store of another instance (its own connections) on the database <see cref="CreateStore"/> made last.</summary>
    protected abstract IIdentifySlotStore OpenAnother();

    [Fact]
    public async Task A_free_bucket_is_claimed_then_refused_until_five_seconds_have_passed()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();

        Assert.Equal(new IdentifySlotClaim(true, t0 + Spacing), await ClaimAsync(store, 0, t0));
        Assert.Equal(new IdentifySlotClaim(false, t0 + Spacing), await ClaimAsync(store, 0, t0 + TimeSpan.FromSeconds(1)));
        Assert.Equal(new IdentifySlotClaim(false, t0 + Spacing), await ClaimAsync(store, 0, t0 + Spacing - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(new IdentifySlotClaim(true, t0 + (2 * Spacing)), await ClaimAsync(store, 0, t0 + Spacing));
    }

    [Fact]
    public async Task Less_than_five_seconds_apart_is_refused_even_by_a_fraction_of_a_millisecond()
    {
        var store = CreateStore();
        var first = Time.GetUtcNow() + TimeSpan.FromTicks(4_000);
        Assert.True((await ClaimAsync(store, 3, first)).Claimed);

        var tooSoon = await ClaimAsync(store, 3, first + Spacing - TimeSpan.FromTicks(1));

        Assert.False(tooSoon.Claimed);
        Assert.True(tooSoon.NextAllowedAt >= first + Spacing, $"Next allowed at {tooSoon.NextAllowedAt:O}, before {first + Spacing:O}.");
        Assert.True((await ClaimAsync(store, 3, first + Spacing + TimeSpan.FromMilliseconds(1))).Claimed);
    }

    [Fact]
    public async Task Two_instances_on_one_database_see_each_others_claims()
    {
        var first = CreateStore();
        var second = OpenAnother();
        var t0 = Time.GetUtcNow();

        Assert.True((await ClaimAsync(first, 0, t0)).Claimed);
        Assert.Equal(new IdentifySlotClaim(false, t0 + Spacing), await ClaimAsync(second, 0, t0 + TimeSpan.FromSeconds(2)));

        Assert.True((await ClaimAsync(second, 0, t0 + Spacing)).Claimed);
        Assert.Equal(new IdentifySlotClaim(false, t0 + (2 * Spacing)), await ClaimAsync(first, 0, t0 + Spacing));
    }

    [Fact]
    public async Task Of_many_simultaneous_claimers_on_two_instances_one_wins_each_five_second_window()
    {
        var instances = new[] { CreateStore(), OpenAnother() };

        for (var window = 0; window < 3; window++)
        {
            var now = Time.GetUtcNow();
            var claims = await AllAtOnceAsync(24, i => instances[i % 2].TryClaimAsync(1, Time, Spacing).AsTask());

            Assert.Single(claims, claim => claim.Claimed);
            Assert.All(claims, claim => Assert.Equal(now + Spacing, claim.NextAllowedAt));

            // Half a window later every claimer is still refused; the next window starts exactly 5 s after the win.
            Time.Advance(Spacing / 2);
            Assert.DoesNotContain(await AllAtOnceAsync(6, i => instances[i % 2].TryClaimAsync(1, Time, Spacing).AsTask()), claim => claim.Claimed);
            Time.Advance(Spacing / 2);
        }
    }

    [Fact]
    public async Task Buckets_do_not_block_each_other()
    {
        var instances = new[] { CreateStore(), OpenAnother() };
        var now = Time.GetUtcNow();

        // Four claimers on each of eight buckets at one instant: one winner per bucket, every bucket taken at once.
        var claims = await AllAtOnceAsync(32, i => Claim(i % 8, instances[i % 2]));
        Assert.Equal(Enumerable.Range(0, 8), claims.Where(c => c.Claim.Claimed).Select(c => c.Bucket).Order());

        // A refused claim on one bucket moves nothing in another.
        Assert.False((await ClaimAsync(instances[0], 5, now + TimeSpan.FromSeconds(3))).Claimed);
        Assert.Equal(new IdentifySlotClaim(true, now + (2 * Spacing)), await ClaimAsync(instances[1], 4, now + Spacing));
        Assert.Equal(new IdentifySlotClaim(false, now + Spacing), await ClaimAsync(instances[1], 5, now + Spacing - TimeSpan.FromMilliseconds(1)));

        async Task<(int Bucket, IdentifySlotClaim Claim)> Claim(int bucket, IIdentifySlotStore store) =>
            (bucket, await store.TryClaimAsync(bucket, Time, Spacing));
    }

    [Fact]
    public async Task A_claimer_whose_clock_is_behind_the_slot_is_refused_and_moves_nothing()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();
        Assert.True((await ClaimAsync(store, 2, t0)).Claimed);

        var behind = new FakeTimeProvider(t0 - TimeSpan.FromSeconds(30));
        Assert.Equal(new IdentifySlotClaim(false, t0 + Spacing), await OpenAnother().TryClaimAsync(2, behind, Spacing));

        Assert.True((await ClaimAsync(store, 2, t0 + Spacing)).Claimed);
    }

    [Fact]
    public async Task A_pending_claim_keeps_everyone_out_however_late_its_send_and_the_confirm_counts_from_the_send()
    {
        var store = CreateStore();
        var other = OpenAnother();
        var t0 = Time.GetUtcNow();
        var claim = await ClaimAsync(store, 0, t0, Pending);
        Assert.Equal(new IdentifySlotClaim(true, t0 + Pending), claim);

        // The send is delayed 6 s: past one 5 s window, the other instance is still refused.
        Assert.Equal(new IdentifySlotClaim(false, t0 + Pending), await ClaimAsync(other, 0, t0 + TimeSpan.FromSeconds(6), Pending));

        // Sent at t0 + 6.0005 s: confirmed to 5 s from the send, rounded up, well before the pending bound.
        var sent = t0 + TimeSpan.FromSeconds(6) + TimeSpan.FromTicks(5_000);
        var confirmed = t0 + TimeSpan.FromMilliseconds(11_001);
        Assert.Equal(confirmed, await store.ConfirmAsync(0, claim.NextAllowedAt, sent + Spacing));
        Assert.Equal(new IdentifySlotClaim(false, confirmed), await ClaimAsync(other, 0, sent + Spacing - TimeSpan.FromTicks(1), Pending));
        Assert.True((await ClaimAsync(other, 0, confirmed, Pending)).Claimed);
    }

    [Fact]
    public async Task A_claim_never_confirmed_is_reclaimable_once_its_pending_hold_has_passed()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();
        Assert.True((await ClaimAsync(store, 1, t0, Pending)).Claimed);

        Assert.Equal(new IdentifySlotClaim(false, t0 + Pending), await ClaimAsync(OpenAnother(), 1, t0 + Pending - TimeSpan.FromMilliseconds(1), Pending));
        Assert.Equal(new IdentifySlotClaim(true, t0 + Pending + Pending), await ClaimAsync(OpenAnother(), 1, t0 + Pending, Pending));
    }

    [Fact]
    public async Task A_confirm_compares_against_its_own_claim_and_never_overwrites_another()
    {
        var store = CreateStore();
        var other = OpenAnother();
        var t0 = Time.GetUtcNow();
        var stale = await ClaimAsync(store, 0, t0, Pending);
        Assert.True((await ClaimAsync(store, 1, t0, Pending)).Claimed);
        var next = await ClaimAsync(other, 0, t0 + Pending, Pending);
        Assert.True(next.Claimed);

        // The stale claimant's confirm (an identify that went out after its whole hold) changes nothing.
        Assert.Null(await store.ConfirmAsync(0, stale.NextAllowedAt, t0 + Pending + Spacing));
        Assert.Equal(new IdentifySlotClaim(false, next.NextAllowedAt), await ClaimAsync(store, 0, t0 + Pending + Spacing, Pending));

        // Nor does a confirm of a bucket nobody claimed; the current claimant's confirm lands, and other buckets keep theirs.
        Assert.Null(await store.ConfirmAsync(7, t0 + Pending, t0 + Spacing));
        Assert.True((await ClaimAsync(store, 7, t0, Pending)).Claimed);
        Assert.Equal(t0 + Pending + Spacing, await other.ConfirmAsync(0, next.NextAllowedAt, t0 + Pending + Spacing));
        Assert.Equal(new IdentifySlotClaim(false, t0 + Pending), await ClaimAsync(store, 1, t0 + Pending - TimeSpan.FromMilliseconds(1), Pending));
    }

    [Fact]
    public async Task A_claim_renewed_on_its_own_value_holds_longer_and_only_the_new_value_confirms()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();
        var claim = await ClaimAsync(store, 2, t0, Pending);

        // Grown old before its send: the claimant moves its own pending bound on (later), by the same compare-and-set.
        var renewedAt = t0 + TimeSpan.FromSeconds(12);
        Time.AdjustTime(renewedAt);
        var renewed = await store.ConfirmAsync(2, claim.NextAllowedAt, renewedAt + Pending);
        Assert.Equal(renewedAt + Pending, renewed);
        Assert.Equal(new IdentifySlotClaim(false, renewedAt + Pending), await ClaimAsync(OpenAnother(), 2, t0 + Pending, Pending));

        Assert.Null(await store.ConfirmAsync(2, claim.NextAllowedAt, renewedAt + Spacing));
        Assert.Equal(renewedAt + Spacing, await store.ConfirmAsync(2, renewed!.Value, renewedAt + Spacing));
    }

    /// <summary>Sets the clock to <paramref name="at"/> (forward or back; no timers run on it) and claims.</summary>
    protected async Task<IdentifySlotClaim> ClaimAsync(IIdentifySlotStore store, int bucket, DateTimeOffset at, TimeSpan? hold = null)
    {
        Time.AdjustTime(at);
        return await store.TryClaimAsync(bucket, Time, hold ?? Spacing);
    }
}
