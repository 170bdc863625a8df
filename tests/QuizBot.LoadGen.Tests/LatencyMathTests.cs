namespace QuizBot.LoadGen.Tests;

public sealed class LatencyMathTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_sorted_samples()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => Ms(i)).ToArray();

        Assert.Equal(Ms(50), LoadStats.Percentile(sorted, 0.50));
        Assert.Equal(Ms(90), LoadStats.Percentile(sorted, 0.90));
        Assert.Equal(Ms(99), LoadStats.Percentile(sorted, 0.99));
        Assert.Equal(Ms(100), LoadStats.Percentile(sorted, 1.0));
    }

    [Fact]
    public void A_percentile_of_few_samples_rounds_up_to_a_real_sample()
    {
        var sorted = new[] { Ms(1), Ms(2), Ms(3) };

        Assert.Equal(Ms(2), LoadStats.Percentile(sorted, 0.50));
        Assert.Equal(Ms(3), LoadStats.Percentile(sorted, 0.90));
        Assert.Equal(Ms(3), LoadStats.Percentile(sorted, 0.99));
        Assert.Equal(Ms(1), LoadStats.Percentile([Ms(1)], 0.01));
        Assert.Equal(TimeSpan.Zero, LoadStats.Percentile([], 0.99));
    }

    [Fact]
    public void Summaries_split_by_kind_and_count_errors_with_and_without_a_latency()
    {
        var stats = new LoadStats();
        for (var i = 1; i <= 10; i++)
        {
            stats.Record(InteractionKind.Button, Ms(i));
        }

        stats.Record(InteractionKind.Modal, Ms(40));
        stats.RecordError(InteractionKind.Modal, Ms(500), "Modal: HTTP 500");
        stats.RecordError(InteractionKind.Modal, null, "Modal: no reply");

        var button = Assert.Single(stats.Summaries(), s => s.Kind == InteractionKind.Button);
        var modal = Assert.Single(stats.Summaries(), s => s.Kind == InteractionKind.Modal);
        Assert.DoesNotContain(stats.Summaries(), s => s.Kind is InteractionKind.Ping or InteractionKind.Command);
        Assert.Equal((10, 0, Ms(5), Ms(9), Ms(10), Ms(10)), (button.Requests, button.Errors, button.P50, button.P90, button.P99, button.Max));
        Assert.Equal((3, 2, Ms(500)), (modal.Requests, modal.Errors, modal.Max));

        var overall = stats.Overall();
        Assert.Equal((13, 2, Ms(500)), (overall.Requests, overall.Errors, overall.Max));
        Assert.Equal((13, 2), (stats.Requests, stats.Errors));
        Assert.Equal(["Modal: HTTP 500", "Modal: no reply"], stats.ErrorReasons().Select(r => r.Reason).Order());
    }

    [Fact]
    public void Resident_memory_is_read_from_the_VmRSS_line_in_bytes()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 9999999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";

        Assert.Equal(123456L * 1024, ResidentMemory.Parse(status));
        Assert.Null(ResidentMemory.Parse("Name:\tdotnet\nVmPeak:\t 9999999 kB\n"));
        Assert.Null(ResidentMemory.Parse("VmRSS:\t  lots kB\n"));
        Assert.Null(ResidentMemory.Parse("VmRSS:\t  123456 MB\n"));
    }

    [Fact]
    public void The_resident_memory_of_this_process_is_readable()
    {
        Assert.InRange(ResidentMemory.OfProcess(Environment.ProcessId) ?? 0, 1L << 20, 1L << 40);
    }
}
