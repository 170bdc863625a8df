using Microsoft.Extensions.Logging;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

public sealed class InteractionSummaryLogTests
{
    [Fact]
    public void A_minute_with_traffic_is_one_information_line_and_a_quiet_minute_is_none()
    {
        var logger = new RecordingLogger<InteractionSummaryLog>();
        using var summary = new InteractionSummaryLog(logger, TimeProvider.System);
        summary.Flush();
        var before = logger.Entries.Count;

        // Far slower than anything other tests handle meanwhile (the meter is process-wide), so the slowest is ours.
        InteractionMetrics.Duration.Record(6_000);
        InteractionMetrics.Duration.Record(4_000);
        InteractionMetrics.Failures.Add(1);
        summary.Flush();

        var line = Assert.Single(logger.Entries.Skip(before));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.True((long)line.State["Handled"]! >= 2, line.Message);
        Assert.True((long)line.State["Failed"]! >= 1, line.Message);
        Assert.Equal(6_000d, (double)line.State["SlowestMs"]!);

        summary.Flush();
        Assert.DoesNotContain(logger.Entries.Skip(before + 1), e => (double)e.State["SlowestMs"]! >= 4_000);
    }
}
