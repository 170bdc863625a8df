using System.Globalization;
using System.Runtime.InteropServices;

namespace QuizBot.Core.Threading;

/// <summary>
/// Lowers the CPU priority of the calling thread, for threads of our own whose work can wait a little (drawing a picture,
/// checkpointing SQLite's log), so that a thread answering an interaction wakes onto a core at once instead of sharing it
/// for a few milliseconds. <see cref="Thread.Priority"/> does not do this: on Linux .NET leaves it without effect, since the
/// default scheduling policy ignores static priorities (dotnet/runtime#91165). What Linux's scheduler weighs is the nice
/// value, which Linux keeps per thread, and any thread may raise its own. Elsewhere this does nothing.
/// </summary>
public static class BackgroundPriority
{
    /// <summary>
    /// Nice steps added to the thread's own value. Each step is about 1.25 times less CPU weight: at 10 steps a busy
    /// background thread weighs about a ninth of an interaction thread, so it still runs whenever a core is free.
    /// </summary>
    public const int DefaultSteps = 10;

    /// <summary>The lowest priority Linux has (the highest nice value).</summary>
    public const int LowestNice = 19;

    private const int PriorityOfProcess = 0;

    /// <summary>
    /// Raises the calling thread's nice value by <paramref name="steps"/> (at most to <see cref="LowestNice"/>); other threads
    /// keep theirs. False where it is not supported or the system refused.
    /// </summary>
    public static bool LowerCurrentThread(int steps = DefaultSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // With PRIO_PROCESS and 0, Linux reads and sets the calling thread's own nice value, not the whole process's.
        Marshal.SetLastSystemError(0);
        var current = GetPriority(PriorityOfProcess, 0);
        if (current == -1 && Marshal.GetLastPInvokeError() != 0)
        {
            return false;
        }

        return SetPriority(PriorityOfProcess, 0, Math.Min(current + steps, LowestNice)) == 0;
    }

    /// <summary>The kernel's id of the calling thread (what /proc/self/task lists), or null where there is no /proc.</summary>
    public static int? CurrentThreadId() =>
        new DirectoryInfo("/proc/thread-self").LinkTarget is { } target
            && int.TryParse(Path.GetFileName(target), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The nice value the kernel reports for one of this process's threads (/proc/self/task/ID/stat), or null.</summary>
    public static int? NiceOf(int threadId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/self/task/{threadId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The name in parentheses may hold spaces; the fields after it start with the 3rd (state), and the nice value is the 19th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
