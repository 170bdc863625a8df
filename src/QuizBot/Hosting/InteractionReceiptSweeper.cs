using Microsoft.Extensions.Logging;
using QuizBot.Core.Ports;

namespace QuizBot.Hosting;

/// <summary>
/// Deletes expired interaction receipts once a minute, in batches of at most <see cref="BatchSize"/> rows, so the
/// table stays about one dedupe window of traffic and no delete holds the database for long. An expired receipt
/// already counts as absent, so how late the sweep runs never changes an answer, only the table's size.
/// Every instance sweeps; on PostgreSQL concurrent sweeps skip each other's rows.
/// </summary>
public sealed partial class InteractionReceiptSweeper(
    IInteractionReceiptStore receipts,
    TimeProvider time,
    ILogger<InteractionReceiptSweeper> logger) : PeriodicService(Interval, time)
{
    public const int BatchSize = 1000;

    /// <summary>At most this many batches per sweep; what is left waits for the next minute.</summary>
    public const int MaxBatchesPerSweep = 100;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SweepAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A busy or unreachable database: the receipts wait for the next sweep.
            LogSweepFailed(exception);
        }
    }

    /// <summary>One sweep: deletes expired receipts batch by batch until a batch comes back short. Returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var deleted = await receipts.DeleteExpiredAsync(Time.GetUtcNow(), BatchSize, cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                break;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired interaction receipts failed; trying again in a minute")]
    private partial void LogSweepFailed(Exception exception);
}
