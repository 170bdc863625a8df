using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>
/// The CPU time a process has used so far, user plus system, summed over all its threads, from /proc/&lt;pid&gt;/stat
/// (Linux). A difference of two readings is what a phase cost that process, whatever else ran on the cores at the
/// time: the figure that stays comparable when the machine is shared and requests/s are not.
/// </summary>
internal static class ProcessCpu
{
    // /proc counts times in USER_HZ ticks, which Linux's user-space ABI fixes at 100 per second.
    private const long ClockTicksPerSecond = 100;

    /// <summary>The process's CPU time now; null when /proc cannot be read (not Linux, or the process is gone).</summary>
    public static TimeSpan? OfProcess(int processId) => Read($"/proc/{processId}/stat");

    /// <summary>The calling thread's CPU time now (the same fields of /proc/thread-self/stat); null when not readable.</summary>
    public static TimeSpan? OfCurrentThread() => Read("/proc/thread-self/stat");

    private static TimeSpan? Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime from the text of /proc/&lt;pid&gt;/stat; null when it is malformed.</summary>
    public static TimeSpan? Parse(string stat)
    {
        // "pid (comm) state ppid ...": the command name may hold spaces and parentheses, so fields count from the
        // last ')'. After it comes field 3 (state); utime and stime are fields 14 and 15.
        var nameEnd = stat.LastIndexOf(')');
        if (nameEnd < 0)
        {
            return null;
        }

        var fields = stat[(nameEnd + 1)..].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        const int utime = 14 - 3, stime = 15 - 3;
        return fields.Length > stime
            && long.TryParse(fields[utime], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[stime], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
                ? TimeSpan.FromTicks((user + system) * (TimeSpan.TicksPerSecond / ClockTicksPerSecond))
                : null;
    }
}

/// <summary>The CPU time one process used over a measured phase of <paramref name="Elapsed"/> wall time.</summary>
/// <param name="Of">Whose CPU it is, as the report says it ("bot process 1234").</param>
internal sealed record CpuUse(string Of, TimeSpan Cpu, TimeSpan Elapsed)
{
    /// <summary>Microseconds of CPU per unit of work (request, answered question); null when there was none.</summary>
    public double? MicrosecondsPer(long count) => count > 0 ? Cpu.TotalMicroseconds / count : null;

    /// <summary>This and <paramref name="other"/> together: the CPU and the wall time of two measured stretches added up.</summary>
    public CpuUse Plus(CpuUse other) => this with { Cpu = Cpu + other.Cpu, Elapsed = Elapsed + other.Elapsed };

    /// <summary>How many cores the process kept busy on average.</summary>
    public double CoresBusy => Elapsed > TimeSpan.Zero ? Cpu / Elapsed : 0;

    /// <summary>Starts measuring a process's CPU from now: null when it cannot be read.</summary>
    public static CpuMeter? Start(string of, int? processId) =>
        processId is { } id && ProcessCpu.OfProcess(id) is { } now ? new CpuMeter(of, id, now) : null;
}

/// <summary>A reading taken at the start of a phase; <see cref="Stop"/> takes the one at its end.</summary>
internal sealed class CpuMeter(string of, int processId, TimeSpan atStart)
{
    public CpuUse? Stop(TimeSpan elapsed) =>
        ProcessCpu.OfProcess(processId) is { } atEnd ? new CpuUse(of, atEnd - atStart, elapsed) : null;
}
