using Microsoft.Extensions.Hosting;

namespace QuizBot.Hosting;

/// <summary>
/// A background service that does one piece of work every <c>interval</c> until the host stops. The timer starts with
/// the service's construction, not when <see cref="BackgroundService.ExecuteAsync"/> gets going (it runs on a task of
/// its own in .NET 10), so intervals count from then, and a fake clock advanced right after start is not missed.
/// </summary>
public abstract class PeriodicService(TimeSpan interval, TimeProvider time) : BackgroundService
{
    private readonly PeriodicTimer timer = new(interval, time);

    /// <summary>The clock the intervals run on.</summary>
    protected TimeProvider Time { get; } = time;

    public override void Dispose()
    {
        timer.Dispose();
        base.Dispose();
    }

    /// <summary>The work of one tick.</summary>
    protected abstract Task TickAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
