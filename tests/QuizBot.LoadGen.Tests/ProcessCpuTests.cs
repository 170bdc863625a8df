using System.Diagnostics;

namespace QuizBot.LoadGen.Tests;

public sealed class ProcessCpuTests
{
    // Fields 1-15 of a real /proc/<pid>/stat line; utime (field 14) is 250 ticks and stime (field 15) is 50.
    private const string Stat = "4321 (dotnet) S 1 4321 4321 0 -1 4194304 91234 0 12 0 250 50 0 0 20 0 23 0 1234567 3456789504 45678 18446744073709551615\n";

    [Fact]
    public void Cpu_time_is_user_plus_system_ticks_at_100_per_second()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), ProcessCpu.Parse(Stat));
    }

    [Fact]
    public void Fields_count_from_the_last_parenthesis_so_a_name_with_spaces_and_parentheses_is_read_right()
    {
        var stat = Stat.Replace("(dotnet)", "(a (weird) name 7 8)", StringComparison.Ordinal);

        Assert.Equal(TimeSpan.FromSeconds(3), ProcessCpu.Parse(stat));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4321 dotnet S 1 4321 4321 0 -1 4194304 91234 0 12 0 250 50")]
    [InlineData("4321 (dotnet) S 1 4321 4321 0 -1 4194304 91234 0 12 0 250")]
    [InlineData("4321 (dotnet) S 1 4321 4321 0 -1 4194304 91234 0 12 0 lots 50")]
    [InlineData("4321 (dotnet) S 1 4321 4321 0 -1 4194304 91234 0 12 0 -250 50")]
    public void A_malformed_stat_line_reads_as_unknown(string stat)
    {
        Assert.Null(ProcessCpu.Parse(stat));
    }

    [Fact]
    public void The_reading_of_this_process_agrees_with_the_runtime_within_a_fifth()
    {
        // The runtime keeps its own count; a wrong tick rate would put ours off by a factor (10x for 100 vs 1000 Hz).
        // The kernel splits and rounds the two counts differently, and other test threads run between the readings,
        // so the band is a fifth either way rather than one tick.
        var before = ProcessCpu.OfProcess(Environment.ProcessId)!.Value;
        using var self = Process.GetCurrentProcess();
        var runtime = self.TotalProcessorTime;
        var after = ProcessCpu.OfProcess(Environment.ProcessId)!.Value;

        var slack = TimeSpan.FromMilliseconds(20);
        Assert.True(before > TimeSpan.Zero);
        Assert.InRange(runtime, before * 0.8 - slack, after * 1.2 + slack);
    }

    [Fact]
    public void A_gone_process_reads_as_unknown()
    {
        Assert.Null(ProcessCpu.OfProcess(int.MaxValue));
        Assert.Null(CpuUse.Start("nobody", int.MaxValue));
        Assert.Null(CpuUse.Start("nobody", null));
    }

    [Fact]
    public void A_phase_costs_the_difference_of_two_readings_divided_by_its_work()
    {
        var use = new CpuUse("bot process 1", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));

        Assert.Equal(300.0, use.MicrosecondsPer(10_000));
        Assert.Equal(1_500.0, use.MicrosecondsPer(2_000));
        Assert.Null(use.MicrosecondsPer(0));
        Assert.Equal(1.5, use.CoresBusy);
        Assert.Equal(0, new CpuUse("x", TimeSpan.FromSeconds(1), TimeSpan.Zero).CoresBusy);
    }

    [Fact]
    public void A_meter_measures_the_cpu_spent_between_start_and_stop()
    {
        var meter = CpuUse.Start("load generator", Environment.ProcessId)!;
        var start = ProcessCpu.OfProcess(Environment.ProcessId)!.Value;

        // Work until the kernel's count moves by at least a tick: no clock involved, only CPU spent.
        var sink = 0L;
        while (ProcessCpu.OfProcess(Environment.ProcessId)!.Value <= start)
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                sink += i % 7;
            }
        }

        var use = meter.Stop(TimeSpan.FromSeconds(1))!;
        Assert.True(sink > 0);
        Assert.Equal("load generator", use.Of);
        Assert.True(use.Cpu >= TimeSpan.FromMilliseconds(10), $"spent {use.Cpu}");
    }

    [Fact]
    public void The_report_line_gives_cpu_per_request_and_per_answered_question()
    {
        var use = new CpuUse("bot process 983", TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30));

        Assert.Equal(
            "CPU of bot process 983: 6.00 s in 30.0 s (0.20 cores busy) = 20.0 µs per request, 400.0 µs per answered question",
            LoadReport.CpuLine(use, 300_000, 15_000));
        Assert.Equal("CPU of bot process 983: 6.00 s in 30.0 s (0.20 cores busy) = 20.0 µs per request", LoadReport.CpuLine(use, 300_000, null));
        Assert.Equal("CPU of bot process 983: 6.00 s in 30.0 s (0.20 cores busy)", LoadReport.CpuLine(use, 0, 0));
    }

    [Theory]
    [InlineData("PING", false, "ping")]
    [InlineData("PING (discord-interactions + Express)", false, "peer_ping")]
    [InlineData("quiz", false, "quiz")]
    [InlineData("quiz", true, "quiz_open")]
    [InlineData("mixed", false, "mixed")]
    public void Each_phase_names_its_figures_apart(string phase, bool openLoop, string prefix)
    {
        Assert.Equal(prefix, LoadSession.FigurePrefix(phase, openLoop));
    }
}
