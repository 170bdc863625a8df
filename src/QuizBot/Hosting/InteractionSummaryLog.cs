using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuizBot.Interactions;

namespace QuizBot.Hosting;

/// <summary>
/// One Information line per minute with traffic: how many interactions were handled, how many failed, their mean
/// and slowest time. The per-interaction line is Debug, so the console logger stays off the answer path.
/// </summary>
public sealed partial class InteractionSummaryLog : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ILogger<InteractionSummaryLog> logger;
    private readonly TimeProvider time;
    private readonly MeterListener listener = new();
    private readonly Lock sync = new();
    private long handled;
    private long failed;
    private double totalMs;
    private double slowestMs;

    public InteractionSummaryLog(ILogger<InteractionSummaryLog> logger, TimeProvider time)
    {
        this.logger = logger;
        this.time = time;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InteractionMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(value));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => RecordFailures(value));
        listener.Start();
    }

    /// <summary>Logs what was counted since the last line (nothing when nothing came) and starts counting again.</summary>
    public void Flush()
    {
        long count, failures;
        double total, slowest;
        lock (sync)
        {
            (count, failures, total, slowest) = (handled, failed, totalMs, slowestMs);
            (handled, failed, totalMs, slowestMs) = (0, 0, 0, 0);
        }

        if (count > 0 || failures > 0)
        {
            LogSummary(count, failures, count == 0 ? 0 : total / count, slowest, Interval.TotalSeconds);
        }
    }

    public override void Dispose()
    {
        listener.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last partial minute is logged below.
        }

        Flush();
    }

    private void Record(double elapsedMs)
    {
        lock (sync)
        {
            handled++;
            totalMs += elapsedMs;
            slowestMs = Math.Max(slowestMs, elapsedMs);
        }
    }

    private void RecordFailures(long count)
    {
        lock (sync)
        {
            failed += count;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interactions in the last {IntervalSeconds:0} s: {Handled} handled, {Failed} failed, mean {MeanMs:0.0} ms, slowest {SlowestMs:0.0} ms")]
    private partial void LogSummary(long handled, long failed, double meanMs, double slowestMs, double intervalSeconds);
}
