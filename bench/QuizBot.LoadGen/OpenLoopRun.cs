using System.Runtime.ExceptionServices;

namespace QuizBot.LoadGen;

/// <summary>How an open-loop run kept to its schedule.</summary>
/// <param name="Sent">Interactions started.</param>
/// <param name="Behind">Sends that left more than <see cref="OpenLoopRun.Tolerance"/> after their intended time.</param>
/// <param name="MaxLag">The latest any send left after its intended time.</param>
/// <param name="SchedulerLate">Of <paramref name="Behind"/>, those the scheduler itself was late for (it woke, or finished the sends before, more than the tolerance late); the rest waited for a member to be idle, i.e. for the bot's replies.</param>
/// <param name="SchedulerCpu">CPU time of the scheduler's own thread (sleeping, waking, handing sends out, and the synchronous part of each send); null when not measurable.</param>
internal sealed record OpenLoopOutcome(long Sent, long Behind, TimeSpan MaxLag, TimeSpan Elapsed, long SchedulerLate = 0)
{
    public TimeSpan? SchedulerCpu { get; init; }
}

/// <summary>The arrival times of an open loop: arrival i is due i/rate seconds after the start.</summary>
internal sealed record OpenLoopSchedule(int Rate)
{
    public TimeSpan IntendedOffset(long arrival) => TimeSpan.FromTicks(arrival * TimeSpan.TicksPerSecond / Rate);

    /// <summary>The same offset in the units of a clock's timestamps, computed in integers so nothing drifts.</summary>
    public long IntendedTimestamp(long arrival, long timestampFrequency) => arrival * timestampFrequency / Rate;

    /// <summary>Arrivals intended strictly within the first <paramref name="duration"/>.</summary>
    public long Within(TimeSpan duration) => duration <= TimeSpan.Zero ? 0 : ((duration.Ticks * Rate) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}

/// <summary>
/// The open loop: interactions start at a fixed rate whatever the replies do, as Discord's users do, each by a
/// member who is not waiting for a reply. Latency counts from the intended start, so a slow bot (or a generator
/// that has no idle member, or woke late) shows in the figures instead of silently lowering the rate
/// (coordinated omission).
/// </summary>
/// <remarks>
/// One thread of its own runs the schedule: it sleeps until the next arrival is due (a precise sleep, see
/// <see cref="ArrivalSleep"/>, no timer per send and no spinning), takes an idle member (blocking, without spinning,
/// while none is idle), and starts that member's send right there, so the request is built, signed and written
/// before the next arrival is looked at; the replies complete on the thread pool. Before, an async loop awaited
/// <c>Task.Delay</c> per arrival: a timer and two thread-pool hops per send, each wake-up paying the pool's spin,
/// and sends late by the timer's millisecond granularity.
/// </remarks>
internal static class OpenLoopRun
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    /// <param name="step">Sends one member's next interaction, timed from the intended timestamp it is given.</param>
    /// <param name="sleepUntil">Blocks until the clock reaches a timestamp (returns at once when it has); the tests pass a fake clock's advance.</param>
    /// <param name="blockingForMember">Called as the scheduler is about to block because no member is idle: the tests' barrier.</param>
    public static Task<OpenLoopOutcome> RunAsync(
        IReadOnlyList<IVirtualMember> members,
        Func<IVirtualMember, long, Task> step,
        OpenLoopSchedule schedule,
        TimeSpan duration,
        TimeProvider time,
        Action<long>? sleepUntil = null,
        Action? blockingForMember = null)
    {
        sleepUntil ??= timestamp => ArrivalSleep.Until(timestamp, time);
        var result = new TaskCompletionSource<OpenLoopOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            try
            {
                result.SetResult(Run(members, step, schedule, duration, time, sleepUntil, blockingForMember));
            }
            catch (Exception exception)
            {
                result.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop scheduler",
        };
        scheduler.Start();
        return result.Task;
    }

    private static OpenLoopOutcome Run(
        IReadOnlyList<IVirtualMember> members,
        Func<IVirtualMember, long, Task> step,
        OpenLoopSchedule schedule,
        TimeSpan duration,
        TimeProvider time,
        Action<long> sleepUntil,
        Action? blockingForMember)
    {
        var cpuAtStart = ProcessCpu.OfCurrentThread();
        var idle = new IdleMembers(members, blockingForMember);
        var total = schedule.Within(duration);
        var frequency = time.TimestampFrequency;
        var started = time.GetTimestamp();
        long behind = 0, schedulerLate = 0, waitedForMemberUntil = long.MinValue;
        var maxLag = TimeSpan.Zero;
        for (long sent = 0; sent < total; sent++)
        {
            var intendedAt = started + schedule.IntendedTimestamp(sent, frequency);
            sleepUntil(intendedAt);

            // Late on the generator's own account, unless it came due while the scheduler was blocked for a member.
            var ownLag = intendedAt <= waitedForMemberUntil ? TimeSpan.Zero : time.GetElapsedTime(intendedAt);
            var (member, waited) = idle.Take();
            if (waited)
            {
                waitedForMemberUntil = time.GetTimestamp();
            }

            var lag = time.GetElapsedTime(intendedAt);
            if (lag > Tolerance)
            {
                behind++;
                schedulerLate += ownLag > Tolerance ? 1 : 0;
            }

            maxLag = lag > maxLag ? lag : maxLag;
            _ = SendAndReturn(member, intendedAt);
        }

        var cpu = ProcessCpu.OfCurrentThread() - cpuAtStart;
        idle.WaitForAll();
        var elapsed = time.GetElapsedTime(started);
        idle.ThrowFirstFailure();
        return new OpenLoopOutcome(total, behind, maxLag, elapsed, schedulerLate) { SchedulerCpu = cpu };

        async Task SendAndReturn(IVirtualMember member, long intendedAt)
        {
            // Called here, on the scheduler's thread, up to the send's first wait for the bot; the rest runs on the pool.
            try
            {
                await step(member, intendedAt);
            }
            catch (Exception exception)
            {
                idle.Fail(exception);
            }
            finally
            {
                idle.Return(member);
            }
        }
    }

    /// <summary>The members not waiting for a reply; the scheduler blocks on it (no spinning) while none is.</summary>
    private sealed class IdleMembers(IReadOnlyList<IVirtualMember> members, Action? blocking)
    {
        private readonly Queue<IVirtualMember> idle = new(members);
        // A plain object, not System.Threading.Lock: Monitor.Wait and Pulse need the monitor.
        private readonly object sync = new();
        private ExceptionDispatchInfo? failure;

        /// <summary>An idle member, and whether none was idle at first (the scheduler blocked for one).</summary>
        public (IVirtualMember Member, bool Waited) Take()
        {
            lock (sync)
            {
                var waited = idle.Count == 0;
                if (waited)
                {
                    blocking?.Invoke();
                }

                while (idle.Count == 0)
                {
                    Monitor.Wait(sync);
                }

                return (idle.Dequeue(), waited);
            }
        }

        public void Return(IVirtualMember member)
        {
            lock (sync)
            {
                idle.Enqueue(member);
                Monitor.Pulse(sync);
            }
        }

        /// <summary>Blocks until every member is back: every send started has finished.</summary>
        public void WaitForAll()
        {
            lock (sync)
            {
                while (idle.Count < members.Count)
                {
                    Monitor.Wait(sync);
                }
            }
        }

        public void Fail(Exception exception)
        {
            lock (sync)
            {
                failure ??= ExceptionDispatchInfo.Capture(exception);
            }
        }

        public void ThrowFirstFailure() => failure?.Throw();
    }
}
