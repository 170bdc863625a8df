using System.Runtime.InteropServices;

namespace QuizBot.LoadGen;

/// <summary>
/// Sleeps the calling thread until a timestamp of a clock, to within the kernel's timer slack (about 50 µs on Linux)
/// rather than the millisecond of <see cref="Thread.Sleep(int)"/> and .NET's timers: the open loop's arrivals are
/// 2 ms apart at 500/s, and a sleep that wakes a millisecond late makes half the sends late.
/// </summary>
internal static class ArrivalSleep
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Returns once <paramref name="time"/> reads at least <paramref name="timestamp"/>; at once when it already does.</summary>
    public static void Until(long timestamp, TimeProvider time)
    {
        while (true)
        {
            var remaining = timestamp - time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = (long)(remaining * ((double)NanosecondsPerSecond / time.TimestampFrequency));
            if (OperatingSystem.IsLinux())
            {
                // Relative, so it needs no agreement on which clock the timestamps come from; an early return
                // (a signal) just goes round again.
                var request = new Timespec { Seconds = (nint)(nanoseconds / NanosecondsPerSecond), Nanoseconds = (nint)(nanoseconds % NanosecondsPerSecond) };
                _ = nanosleep(ref request, IntPtr.Zero);
            }
            else
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(nanoseconds / 1e6)));
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);
}
