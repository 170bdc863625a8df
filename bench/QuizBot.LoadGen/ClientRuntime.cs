using System.Diagnostics.Tracing;
using System.Runtime;

namespace QuizBot.LoadGen;

/// <summary>
/// What the generator's own runtime did over a measured phase: bytes allocated, garbage collections and how long they
/// stopped its threads, methods JIT-compiled. The generator measures latency from each intended send, so its own
/// pauses would be counted as the bot's; these figures say how much of that there was.
/// </summary>
internal sealed record ClientRuntimeUse(long AllocatedBytes, int Collections, int Gen1, int Gen2, TimeSpan PauseTotal, TimeSpan LongestPause, long MethodsCompiled)
{
    /// <summary>Kilobytes allocated per request; null without requests.</summary>
    public double? KilobytesPer(long requests) => requests > 0 ? AllocatedBytes / 1024.0 / requests : null;

    /// <summary>Two measured stretches together: counts added up, the longest pause of either.</summary>
    public ClientRuntimeUse Plus(ClientRuntimeUse other) => new(
        AllocatedBytes + other.AllocatedBytes, Collections + other.Collections, Gen1 + other.Gen1, Gen2 + other.Gen2,
        PauseTotal + other.PauseTotal, LongestPause > other.LongestPause ? LongestPause : other.LongestPause, MethodsCompiled + other.MethodsCompiled);
}

/// <summary>Readings of the generator's runtime at the start of a phase; <see cref="Stop"/> gives the phase's share.</summary>
internal sealed class ClientRuntimeMeter : IDisposable
{
    // Precise readings: the imprecise count leaves out what threads' allocation contexts hold, and came up ~15 KB short
    // of a 4 MB allocation in CI. Read at a phase's or slice's start and end only, so the cost does not matter.
    private readonly long allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int collections = GC.CollectionCount(0);
    private readonly int gen1 = GC.CollectionCount(1);
    private readonly int gen2 = GC.CollectionCount(2);
    private readonly TimeSpan paused = GC.GetTotalPauseDuration();
    private readonly long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly GcPauseListener pauses = new();

    public ClientRuntimeUse Stop() =>
        new(GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - collections, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - paused, pauses.Longest, System.Runtime.JitInfo.GetCompiledMethodCount() - compiled);

    public void Dispose() => pauses.Dispose();

    /// <summary>
    /// The longest stop of the generator's threads for a collection: from the runtime's own events, suspension begun
    /// to threads restarted (which is what a request in flight waits through), as they arrive.
    /// </summary>
    private sealed class GcPauseListener : EventListener
    {
        // The runtime's GC keyword; at Informational it has the suspend and restart events, not the allocation ticks.
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly Lock sync = new();
        private DateTime? suspendedAt;
        private TimeSpan longest;

        public TimeSpan Longest
        {
            get
            {
                lock (sync)
                {
                    return longest;
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Informational, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            lock (sync)
            {
                if (e.EventName?.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal) == true)
                {
                    suspendedAt = e.TimeStamp;
                }
                else if (e.EventName?.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) == true && suspendedAt is { } start)
                {
                    var pause = e.TimeStamp - start;
                    longest = pause > longest ? pause : longest;
                    suspendedAt = null;
                }
            }
        }
    }
}

/// <summary>
/// The garbage collector's mode while a phase is measured: <see cref="GCLatencyMode.SustainedLowLatency"/>, so no
/// blocking full (generation 2) collection stops the generator's threads in the middle of a measurement (a full
/// collection then runs in the background, or waits), and the mode it had comes back after. Not
/// <see cref="GCLatencyMode.LowLatency"/>: that one keeps generation 0 eight times smaller, and the generator then
/// collected eight times as often. Not with the bot in this process (--in-process), whose collections are part of
/// what is measured.
/// </summary>
internal sealed class MeasuredGcMode : IDisposable
{
    private readonly GCLatencyMode? before;

    public MeasuredGcMode(bool apply)
    {
        if (apply && GCSettings.LatencyMode is GCLatencyMode.Interactive)
        {
            before = GCSettings.LatencyMode;
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        }
    }

    public void Dispose()
    {
        if (before is { } mode)
        {
            GCSettings.LatencyMode = mode;
        }
    }
}
