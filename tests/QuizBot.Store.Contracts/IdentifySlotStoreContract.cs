using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Ports;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every store of the gateway's identify slots must do: a bucket's slot is taken by one claim per 5 s window, by
/// exactly one of many simultaneous claimers on any instance of the database, and buckets are independent. Claims read
/// one fake clock, as processes with synchronised clocks would.
/// </summary>
public abstract class IdentifySlotStoreContract
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

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
    public async Task Extending_a_slot_moves_it_later_never_earlier_and_leaves_other_buckets_alone()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();
        Assert.True((await ClaimAsync(store, 0, t0)).Claimed);
        Assert.True((await ClaimAsync(store, 1, t0)).Claimed);

        // The identify went out 1.5 s after the claim read its clock: the 5 s count from there.
        await OpenAnother().ExtendAsync(0, t0 + TimeSpan.FromSeconds(6.5));
        await store.ExtendAsync(0, t0 + TimeSpan.FromSeconds(2));

        Assert.Equal(new IdentifySlotClaim(false, t0 + TimeSpan.FromSeconds(6.5)), await ClaimAsync(store, 0, t0 + Spacing));
        Assert.True((await ClaimAsync(store, 1, t0 + Spacing)).Claimed);
        Assert.True((await ClaimAsync(store, 0, t0 + TimeSpan.FromSeconds(6.5))).Claimed);
    }

    /// <summary>Sets the clock to <paramref name="at"/> (forward or back; no timers run on it) and claims.</summary>
    protected async Task<IdentifySlotClaim> ClaimAsync(IIdentifySlotStore store, int bucket, DateTimeOffset at)
    {
        Time.AdjustTime(at);
        return await store.TryClaimAsync(bucket, Time, Spacing);
    }
}
