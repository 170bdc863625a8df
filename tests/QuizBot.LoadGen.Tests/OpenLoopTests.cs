using Microsoft.Extensions.Time.Testing;

namespace QuizBot.LoadGen.Tests;

public sealed class OpenLoopTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void The_schedule_spaces_arrivals_evenly_from_the_start()
    {
        var schedule = new OpenLoopSchedule(500);

        Assert.Equal(TimeSpan.Zero, schedule.IntendedOffset(0));
        Assert.Equal(Ms(2), schedule.IntendedOffset(1));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.IntendedOffset(500));
        Assert.Equal(2_000_000, schedule.IntendedTimestamp(1, 1_000_000_000));
        Assert.Equal(6_666_666, new OpenLoopSchedule(3).IntendedTimestamp(2, 10_000_000));
        Assert.Equal(0, schedule.Within(TimeSpan.Zero));
        Assert.Equal(1, schedule.Within(TimeSpan.FromTicks(1)));
        Assert.Equal(2, schedule.Within(Ms(2) + TimeSpan.FromTicks(1)));
        Assert.Equal(500, schedule.Within(TimeSpan.FromSeconds(1)));
        Assert.Equal(15_000, schedule.Within(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, new OpenLoopSchedule(3).Within(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task On_a_clock_that_keeps_time_every_send_leaves_at_its_intended_time()
    {
        var clock = new FakeTimeProvider();
        var members = new[] { new RecordingMember(clock), new RecordingMember(clock) };

        var outcome = await OpenLoopRun.RunAsync(members, Step, new OpenLoopSchedule(100), Ms(100), clock, Advance(clock));

        Assert.Equal(10, outcome.Sent);
        Assert.Equal(0, outcome.Behind);
        Assert.Equal(0, outcome.SchedulerLate);
        Assert.Equal(TimeSpan.Zero, outcome.MaxLag);
        var sends = members.SelectMany(m => m.Sends).OrderBy(s => s.IntendedAt).ToList();
        var spacing = clock.TimestampFrequency / 100;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * spacing), sends.Select(s => s.IntendedAt - sends[0].IntendedAt));
        Assert.All(sends, s => Assert.Equal(TimeSpan.Zero, s.Latency));
    }

    [Fact]
    public async Task A_send_with_no_idle_member_counts_as_behind_and_its_latency_counts_from_the_intended_time()
    {
        var clock = new FakeTimeProvider();
        var member = new RecordingMember(clock) { HoldFirst = true };
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // 100/s: arrivals every 10 ms. The only member is held on its first send until 55 ms, so arrivals 1..5
        // (intended at 10..50 ms) can leave only then: late by 45, 35, 25, 15 and 5 ms. The clock moves on only once
        // the scheduler has blocked for a member (a barrier), so none of that lag is the scheduler's own.
        var run = OpenLoopRun.RunAsync([member], Step, new OpenLoopSchedule(100), Ms(100), clock, Advance(clock), () => blocked.TrySetResult());
        await member.FirstSendStarted.Task;
        await blocked.Task;
        clock.Advance(Ms(45));
        member.Release.SetResult();
        var outcome = await run;

        Assert.Equal(10, outcome.Sent);
        Assert.Equal(5, outcome.Behind);
        Assert.Equal(0, outcome.SchedulerLate);
        Assert.Equal(Ms(45), outcome.MaxLag);
        Assert.Equal([Ms(0), Ms(45), Ms(35), Ms(25), Ms(15), Ms(5), Ms(0), Ms(0), Ms(0), Ms(0)], member.Sends.Select(s => s.Latency));
    }

    [Fact]
    public async Task A_scheduler_that_wakes_late_counts_its_sends_as_late_by_the_generator()
    {
        var clock = new FakeTimeProvider();
        var members = new[] { new RecordingMember(clock), new RecordingMember(clock) };
        var onTime = Advance(clock);

        // Every wake-up comes 3 ms after the arrival it waited for (the first arrival needs no sleep).
        var outcome = await OpenLoopRun.RunAsync(members, Step, new OpenLoopSchedule(100), Ms(100), clock, timestamp =>
        {
            onTime(timestamp);
            clock.Advance(Ms(3));
        });

        Assert.Equal(10, outcome.Sent);
        Assert.Equal(10, outcome.Behind);
        Assert.Equal(10, outcome.SchedulerLate);
        Assert.Equal(Ms(3), outcome.MaxLag);
    }

    [Fact]
    public async Task A_send_that_throws_fails_the_run_once_every_member_is_back()
    {
        var clock = new FakeTimeProvider();
        var members = new[] { new RecordingMember(clock), new RecordingMember(clock) };
        var calls = 0;
        Task Throwing(IVirtualMember member, long intendedAt) =>
            Interlocked.Increment(ref calls) == 3 ? Task.FromException(new InvalidOperationException("broken member")) : Step(member, intendedAt);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenLoopRun.RunAsync(members, Throwing, new OpenLoopSchedule(100), Ms(100), clock, Advance(clock)));

        Assert.Equal("broken member", failure.Message);
        Assert.Equal(9, members.Sum(m => m.Sends.Count));
    }

    [Fact]
    public void The_arrival_sleep_returns_at_once_for_a_time_already_passed_and_never_before_a_time_ahead()
    {
        var clock = TimeProvider.System;
        ArrivalSleep.Until(clock.GetTimestamp() - clock.TimestampFrequency, clock);

        var target = clock.GetTimestamp() + (clock.TimestampFrequency / 500);
        ArrivalSleep.Until(target, clock);

        Assert.True(clock.GetTimestamp() >= target);
    }

    private static Task Step(IVirtualMember member, long intendedAt) => ((RecordingMember)member).SendAsync(intendedAt);

    /// <summary>The scheduler's sleep on a fake clock: moves the clock to the timestamp when it is ahead.</summary>
    private static Action<long> Advance(FakeTimeProvider clock) => timestamp =>
    {
        var ahead = timestamp - clock.GetTimestamp();
        if (ahead > 0)
        {
            clock.Advance(TimeSpan.FromTicks(ahead * TimeSpan.TicksPerSecond / clock.TimestampFrequency));
        }
    };

    /// <summary>A member whose "request" records when it left against when it should have; the first can be held.</summary>
    private sealed class RecordingMember(FakeTimeProvider clock) : IVirtualMember
    {
        public bool HoldFirst { get; init; }

        public TaskCompletionSource FirstSendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(long IntendedAt, TimeSpan Latency)> Sends { get; } = [];

        public Task StepAsync(InteractionSender sender, long? intendedAt = null) => SendAsync(intendedAt!.Value);

        public async Task SendAsync(long intendedAt)
        {
            lock (Sends)
            {
                Sends.Add((intendedAt, clock.GetElapsedTime(intendedAt)));
            }

            if (HoldFirst && FirstSendStarted.TrySetResult())
            {
                await Release.Task;
            }
        }
    }
}
