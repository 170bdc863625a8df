using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

/// <summary>When shards may identify: max_concurrency rate-limit keys, one identify per key per 5 s, and the daily budget.</summary>
public sealed class IdentifyBudgetTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public void Shards_with_different_keys_identify_at_once_and_the_same_key_waits_five_seconds()
    {
        var time = new FakeTimeProvider();
        var budget = Budget(time, maxConcurrency: 2);

        // Keys: shard % 2. Shards 0 and 1 go now; 2 and 3 share their keys and go together 5 s later; 4 after 10 s.
        Assert.Equal(TimeSpan.Zero, budget.Reserve(0).Wait);
        Assert.Equal(TimeSpan.Zero, budget.Reserve(1).Wait);
        Assert.Equal(Window, budget.Reserve(2).Wait);
        Assert.Equal(Window, budget.Reserve(3).Wait);
        Assert.Equal(2 * Window, budget.Reserve(4).Wait);
        Assert.Equal(2, budget.MaxConcurrency);
    }

    [Fact]
    public void A_key_is_free_again_once_five_seconds_have_passed_since_its_last_identify()
    {
        var time = new FakeTimeProvider();
        var budget = Budget(time, maxConcurrency: 4);
        budget.Reserve(1);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(2), budget.Reserve(5).Wait);
        Assert.Equal(TimeSpan.Zero, budget.Reserve(2).Wait);

        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.Zero, budget.Reserve(1).Wait);
    }

    [Fact]
    public void Without_a_known_limit_every_shard_is_one_key_as_with_max_concurrency_1()
    {
        var time = new FakeTimeProvider();
        var budget = new IdentifyBudget(time);

        Assert.Equal(1, budget.MaxConcurrency);
        Assert.Equal([TimeSpan.Zero, Window, 2 * Window], new[] { 0, 1, 2 }.Select(shard => budget.Reserve(shard).Wait));
    }

    [Fact]
    public void With_no_starts_left_the_next_identify_waits_for_the_reset_and_says_so()
    {
        var time = new FakeTimeProvider();
        var budget = new IdentifyBudget(time);
        budget.Learn(new SessionStartLimit { Total = 1000, Remaining = 1, ResetAfter = 60_000, MaxConcurrency = 16 });

        var first = budget.Reserve(0);
        var second = budget.Reserve(1);

        Assert.Equal(new IdentifySlot(TimeSpan.Zero, DailyLimit: false), first);
        Assert.Equal(new IdentifySlot(TimeSpan.FromSeconds(60), DailyLimit: true), second);

        // After the reset the day's budget is whole again (less the identify that waited for it).
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(new IdentifySlot(TimeSpan.Zero, DailyLimit: false), budget.Reserve(2));
    }

    [Fact]
    public void A_daily_wait_still_respects_the_key_of_the_shard()
    {
        var time = new FakeTimeProvider();
        var budget = new IdentifyBudget(time);
        budget.Learn(new SessionStartLimit { Total = 1000, Remaining = 0, ResetAfter = 2_000, MaxConcurrency = 1 });

        Assert.Equal(TimeSpan.FromSeconds(2), budget.Reserve(0).Wait);
        Assert.Equal(TimeSpan.FromSeconds(7), budget.Reserve(1).Wait);
    }

    [Fact]
    public async Task Waiting_ends_when_the_clock_reaches_the_slot_and_not_before()
    {
        var time = new FakeTimeProvider();
        var budget = Budget(time, maxConcurrency: 1);
        var waits = new List<IdentifySlot>();
        await budget.WaitAsync(0, waits.Add, CancellationToken.None);

        var second = budget.WaitAsync(1, waits.Add, CancellationToken.None);
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([new IdentifySlot(Window, DailyLimit: false)], waits);
    }

    private static IdentifyBudget Budget(TimeProvider time, int maxConcurrency)
    {
        var budget = new IdentifyBudget(time);
        budget.Learn(new SessionStartLimit { Total = 1000, Remaining = 1000, ResetAfter = 86_400_000, MaxConcurrency = maxConcurrency });
        return budget;
    }
}
