using System.Runtime;

namespace QuizBot.LoadGen.Tests;

/// <summary>The generator's own runtime figures per phase, and the collector's mode while a phase is measured.</summary>
[Collection(GcModeCollection.Name)]
public sealed class ClientRuntimeTests
{
    [Fact]
    public void The_meter_counts_what_was_allocated_and_collected_since_it_started()
    {
        using var meter = new ClientRuntimeMeter();
        var kept = new byte[4][];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = new byte[1 << 20];
        }

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var use = meter.Stop();
        GC.KeepAlive(kept);

        Assert.InRange(use.AllocatedBytes, 4L << 20, long.MaxValue);
        Assert.InRange(use.Collections, 1, int.MaxValue);
        Assert.True(use.PauseTotal > TimeSpan.Zero);
        Assert.Equal(2.0, new ClientRuntimeUse(2048 * 10, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, 0).KilobytesPer(10));
        Assert.Null(use.KilobytesPer(0));
    }

    [Fact]
    public void A_measured_phase_runs_in_sustained_low_latency_and_the_mode_comes_back_after()
    {
        Assert.Equal(GCLatencyMode.Interactive, GCSettings.LatencyMode);
        using (new MeasuredGcMode(apply: true))
        {
            Assert.Equal(GCLatencyMode.SustainedLowLatency, GCSettings.LatencyMode);
        }

        Assert.Equal(GCLatencyMode.Interactive, GCSettings.LatencyMode);
        using (new MeasuredGcMode(apply: false))
        {
            Assert.Equal(GCLatencyMode.Interactive, GCSettings.LatencyMode);
        }
    }

    [Fact]
    public void The_report_line_says_allocation_per_request_collections_pauses_and_jit()
    {
        var use = new ClientRuntimeUse(3 * 1024 * 100, 12, 1, 0, TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(0.9), 4);

        Assert.Equal(
            "load generator's runtime: 3.00 KB allocated per request; 12 collections (gen1 1, gen2 0), 6.0 ms paused in all, longest 0.9 ms; 4 methods JIT-compiled",
            LoadReport.RuntimeLine(use, 100));
    }
}

/// <summary>
/// Tests that set or read the process-wide GC latency mode (a measured phase of a whole run sets it too): run alone,
/// so none sees another's mode.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GcModeCollection
{
    public const string Name = "process-wide GC latency mode";
}
