using System.Threading.Channels;

namespace QuizBot.LoadGen;

/// <summary>How an open-loop run kept to its schedule.</summary>
/// <param name="Sent">Interactions started.</param>
/// <param name="Behind">Sends that left more than <see cref="OpenLoopRun.Tolerance"/> after their intended time.</param>
/// <param name="MaxLag">The latest any send left after its intended time.</param>
internal sealed record OpenLoopOutcome(long Sent, long Behind, TimeSpan MaxLag, TimeSpan Elapsed);

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
internal static class OpenLoopRun
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    /// <param name="step">Sends one member's next interaction, timed from the intended timestamp it is given.</param>
    /// <param name="wait">How to sleep until the next arrival; the tests pass a fake clock's advance.</param>
    public static async Task<OpenLoopOutcome> RunAsync(
        IReadOnlyList<IVirtualMember> members,
        Func<IVirtualMember, long, Task> step,
        OpenLoopSchedule schedule,
        TimeSpan duration,
        TimeProvider time,
        Func<TimeSpan, Task>? wait = null)
    {
        wait ??= delay => Task.Delay(delay, time);
        var idle = Channel.CreateUnbounded<IVirtualMember>();
        foreach (var member in members)
        {
            idle.Writer.TryWrite(member);
        }

        var inFlight = new List<Task>();
        var total = schedule.Within(duration);
        var frequency = time.TimestampFrequency;
        var started = time.GetTimestamp();
        long IntendedAt(long arrival) => started + schedule.IntendedTimestamp(arrival, frequency);
        long sent = 0, behind = 0;
        var maxLag = TimeSpan.Zero;
        while (sent < total)
        {
            for (; sent < total && IntendedAt(sent) <= time.GetTimestamp(); sent++)
            {
                var intendedAt = IntendedAt(sent);
                var member = await idle.Reader.ReadAsync();
                var lag = time.GetElapsedTime(intendedAt);
                if (lag > Tolerance)
                {
                    behind++;
                }

                maxLag = lag > maxLag ? lag : maxLag;
                inFlight.Add(SendAndReturn(member, intendedAt));
            }

            var untilNext = sent < total ? IntendedAt(sent) - time.GetTimestamp() : 0;
            if (untilNext > 0)
            {
                // Rounded up to whole ticks: waking a tick late is harmless, waking early would only loop again.
                await wait(TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(untilNext * (double)TimeSpan.TicksPerSecond / frequency))));
            }
        }

        await Task.WhenAll(inFlight);
        return new OpenLoopOutcome(sent, behind, maxLag, time.GetElapsedTime(started));

        async Task SendAndReturn(IVirtualMember member, long intendedAt)
        {
            // Called here, not queued: the request is built, signed and handed to the socket before the next arrival is
            // looked at, so the send leaves as close to its intended time as this thread can make it.
            try
            {
                await step(member, intendedAt);
            }
            finally
            {
                idle.Writer.TryWrite(member);
            }
        }
    }
}
