using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// Two gateway clients (two processes of one bot) sharing identify slots, as the app's database shares them: a key
/// taken by one client's shard holds the other client's shard of that key for 5 s of the shared clock, other keys go
/// at once, resumes take no slot, and slots that fail do not keep a shard from identifying. Fake clock, no sleeps.
/// </summary>
public sealed class SharedIdentifySlotsTests
{
    private const int Identify = 2;
    private const int Resume = 6;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_key_another_process_took_waits_five_seconds_while_a_free_key_identifies_at_once()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time);
        var t0 = time.GetUtcNow();
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 2);

        // The first process runs shard 0 (key 0) and identifies at once.
        await discord.StartProcessAsync("first", "0", 4, time, slots);
        var (_, identify0) = await discord.AcceptShardAsync();
        Assert.Equal(0, identify0["shard"]![0]!.GetValue<int>());
        await slots.ConfirmedAsync();

        // The second runs shards 2 (key 0, taken) and 3 (key 1, free); its own budget lets both connect at once.
        var second = await discord.StartProcessAsync("second", "2-3", 4, time, slots);
        var connections = new[] { await discord.Gateway.NextConnectionAsync(), await discord.Gateway.NextConnectionAsync() };
        var fiveSecondWait = time.NextTimerAsync(Window);
        foreach (var connection in connections)
        {
            await connection.SendHelloAsync(45_000);
        }

        var identifies = connections.Select(c => c.ReceiveAsync(Identify, TimeSpan.FromMinutes(1))).ToList();
        var first = await await Task.WhenAny(identifies);
        Assert.Equal(3, first["d"]!["shard"]![0]!.GetValue<int>());
        var shard2 = connections.Single(c => c.ShardId is null);
        var shard2Identify = identifies.Single(i => !i.IsCompleted);

        // Shard 2 was refused and waits on the clock for exactly the rest of key 0's window; it asks nothing before.
        await fiveSecondWait;
        var asked = slots.Calls;
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(asked, slots.Calls);
        Assert.DoesNotContain(shard2.Received, p => p["op"]!.GetValue<int>() == Identify);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var identify2 = (await shard2Identify)["d"]!;
        Assert.Equal("[2,4]", identify2["shard"]!.ToJsonString());
        Assert.Equal([(0, t0), (0, t0 + Window), (1, t0)], slots.Taken.Order());
        Assert.Equal(3, slots.Confirms);
        Assert.Contains(second.Log.Lines, line => line.Contains("Shard 2 waits 5 s for its identify slot: another process identified", StringComparison.Ordinal));
        Assert.Contains(second.Log.Lines, line => line.Contains("max_concurrency 2, paced with the other processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_identify_held_after_its_claim_keeps_the_other_process_out_until_five_seconds_after_it_went_out()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time);
        var t0 = time.GetUtcNow();
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);

        // The first process claims key 0 for shard 0 at t0, then its thread is held before the send (a loaded machine).
        var (took, release) = slots.HoldNextTake();
        await discord.StartProcessAsync("first", "0", 2, time, slots);
        var shard0 = await discord.Gateway.NextConnectionAsync();
        await shard0.SendHelloAsync(45_000);
        await took;

        // 6 s later (past one 5 s window) the second process's shard 1, same key, is refused: the claim is still
        // pending its send. It asks again in a second rather than waiting out the whole pending hold.
        time.Advance(TimeSpan.FromSeconds(6));
        var recheck = time.NextTimerAsync(IdentifyBudget.PendingRecheck);
        await discord.StartProcessAsync("second", "1", 2, time, slots);
        var shard1 = await discord.Gateway.NextConnectionAsync();
        await shard1.SendHelloAsync(45_000);
        var identify1 = shard1.ReceiveAsync(Identify, TimeSpan.FromMinutes(1));
        await recheck;

        // Released, the first sends at t0 + 6 s (its claim is young enough) and confirms: the slot frees 5 s from the send.
        release();
        Assert.Equal("[0,2]", (await shard0.ReceiveAsync(Identify))["d"]!["shard"]!.ToJsonString());
        await slots.ConfirmedAsync();
        Assert.Equal(t0 + TimeSpan.FromSeconds(11), slots.NextAllowed(0));

        var restOfWindow = time.NextTimerAsync(TimeSpan.FromSeconds(4));
        time.Advance(IdentifyBudget.PendingRecheck);
        await restOfWindow;
        time.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1));
        Assert.False(identify1.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("[1,2]", (await identify1)["d"]!["shard"]!.ToJsonString());
        Assert.Equal([(0, t0), (0, t0 + TimeSpan.FromSeconds(11))], slots.Taken);
    }

    [Fact]
    public async Task A_claim_grown_too_old_before_its_send_is_renewed_and_the_slot_then_counts_from_the_send()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time);
        var budget = new IdentifyBudget(time, slots);
        var t0 = time.GetUtcNow();

        var claim = (await budget.TakeSharedSlotAsync(0, _ => Assert.Fail("The slot was free."), CancellationToken.None))!.Value;
        Assert.Equal(t0 + IdentifyBudget.PendingHold, slots.NextAllowed(0));
        time.Advance(IdentifyBudget.MaxClaimAge);
        Assert.True(budget.IsFresh(claim));

        // One tick older and the send could come too near the end of the pending hold: renewed on its own claim.
        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(budget.IsFresh(claim));
        var renewed = await budget.FreshenSharedSlotAsync(0, claim, _ => Assert.Fail("Nobody else took the slot."), CancellationToken.None);
        Assert.True(budget.IsFresh(renewed));
        Assert.Equal(time.GetUtcNow() + IdentifyBudget.PendingHold, slots.NextAllowed(0));

        // Sent now: the next identify of the key may go 5 s later, not at the end of either pending hold.
        Assert.True(await budget.ConfirmSharedSlotAsync(renewed, CancellationToken.None));
        Assert.Equal(time.GetUtcNow() + Window, slots.NextAllowed(0));
        Assert.Equal([(0, t0)], slots.Taken);
    }

    [Fact]
    public async Task A_claim_whose_pending_hold_ran_out_never_overwrites_the_next_claim_and_takes_the_slot_again_after_it()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time);
        var first = new IdentifyBudget(time, slots);
        var second = new IdentifyBudget(time, slots);
        var t0 = time.GetUtcNow();

        var stale = (await first.TakeSharedSlotAsync(0, _ => { }, CancellationToken.None))!.Value;
        time.Advance(IdentifyBudget.PendingHold);
        var next = (await second.TakeSharedSlotAsync(0, _ => Assert.Fail("The pending hold ran out."), CancellationToken.None))!.Value;
        Assert.True(await second.ConfirmSharedSlotAsync(next, CancellationToken.None));
        var t1 = time.GetUtcNow();

        // The first process's confirm compares against its own claim: refused, the second's slot stands.
        Assert.False(await first.ConfirmSharedSlotAsync(stale, CancellationToken.None));
        Assert.Equal(t1 + Window, slots.NextAllowed(0));

        // Renewing fails too, so it takes the slot again, once the second's 5 s have passed.
        var waits = new List<TimeSpan>();
        var fiveSeconds = time.NextTimerAsync(Window);
        var freshened = first.FreshenSharedSlotAsync(0, stale, waits.Add, CancellationToken.None);
        await fiveSeconds;
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(freshened.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(t1 + Window + IdentifyBudget.PendingHold, (await freshened).HeldUntil);
        Assert.Equal([Window], waits);
        Assert.Equal([(0, t0), (0, t1), (0, t1 + Window)], slots.Taken);
    }

    [Fact]
    public async Task A_resumed_shard_takes_no_identify_slot()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time);
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);
        await discord.StartProcessAsync("only", "1", 2, time, slots);
        var (connection, _) = await discord.AcceptShardAsync();
        await connection.WaitUntilCaughtUpAsync();
        var asked = slots.Calls;

        connection.Drop();
        var reconnection = await discord.Gateway.NextConnectionAsync();
        await reconnection.SendHelloAsync(45_000);
        var resume = (await reconnection.ReceiveAsync(Resume))["d"]!;
        await reconnection.SendResumedAsync();
        await reconnection.WaitUntilCaughtUpAsync();

        Assert.Equal("session-1", resume["session_id"]!.GetValue<string>());
        Assert.Equal(asked, slots.Calls);
        Assert.DoesNotContain(reconnection.Received, p => p["op"]!.GetValue<int>() == Identify);
    }

    [Fact]
    public async Task When_the_shared_slots_fail_the_shard_identifies_paced_by_its_own_process_and_says_so()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new InMemorySharedSlots(time) { Failure = new InvalidOperationException("database unreachable") };
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);
        var process = await discord.StartProcessAsync("only", "0", 1, time, slots);

        var (_, identify) = await discord.AcceptShardAsync();

        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.Equal(1, slots.Calls);
        Assert.Contains(process.Log.Lines, line => line.StartsWith("Warning: The shared identify slots failed; shard 0 identifies paced by this process alone", StringComparison.Ordinal)
            && line.Contains("database unreachable", StringComparison.Ordinal));
    }

    /// <summary>A fake clock that tells when a wait of a given length is started on it, so a test advances only once it is.</summary>
    private sealed class TimerWatchingTimeProvider : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

        public async Task NextTimerAsync(TimeSpan dueTime)
        {
            using var patience = new CancellationTokenSource(GatewaySimulator.DefaultTimeout);
            while (await _created.Reader.ReadAsync(patience.Token) != dueTime)
            {
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
