using System.Runtime.InteropServices;

namespace QuizBot.Hosting;

/// <summary>
/// Every <see cref="Interval"/>, asks glibc's malloc to give the kernel back the free pages inside its heaps
/// (<c>malloc_trim</c>). Under load SQLite's connections and the picture encoder free and allocate blocks of tens of
/// kilobytes; glibc returns free space to the kernel only from the top of a heap, so the holes between live blocks
/// stayed resident: 3–9 MB in the soak (bench/STAGES.md, "Memory"). A trim walks the free lists once and costs well
/// under a millisecond on heaps this size; a page given back is faulted in again only if it is reused.
/// Registered only where the C library has the function (glibc; not musl).
/// </summary>
public sealed class NativeMemoryTrim(Action trim, TimeProvider time) : PeriodicService(Interval, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private delegate int MallocTrim(nuint pad);

    /// <summary>glibc's <c>malloc_trim(0)</c>, or null where the process's C library has none.</summary>
    public static Action? FindGlibcTrim()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libc.so.6", out var libc)
            || !NativeLibrary.TryGetExport(libc, "malloc_trim", out var address))
        {
            return null;
        }

        var mallocTrim = Marshal.GetDelegateForFunctionPointer<MallocTrim>(address);
        return () => mallocTrim(0);
    }

    protected override Task TickAsync(CancellationToken stoppingToken)
    {
        trim();
        return Task.CompletedTask;
    }
}
