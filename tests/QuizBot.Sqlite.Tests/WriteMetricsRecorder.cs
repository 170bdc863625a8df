using System.Diagnostics.Metrics;

namespace QuizBot.Sqlite.Tests;

/// <summary>What the store's write metrics (<see cref="SqliteWriteMetrics"/>) reported for one file, by store operation.</summary>
internal sealed class WriteMetricsRecorder : IDisposable
{
    private readonly string file;
    private readonly MeterListener listener = new();
    private readonly Lock sync = new();
    private readonly List<(string Operation, long Commits)> commits = [];
    private readonly List<(string Operation, int Writes)> batches = [];

    public WriteMetricsRecorder(string file)
    {
        this.file = Path.GetFullPath(file);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteWriteMetrics.MeterName && instrument.Name is SqliteWriteMetrics.CommitsName or SqliteWriteMetrics.BatchName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (OperationOnOurFile(tags) is { } operation)
            {
                lock (sync)
                {
                    commits.Add((operation, value));
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            if (OperationOnOurFile(tags) is { } operation)
            {
                lock (sync)
                {
                    batches.Add((operation, value));
                }
            }
        });
        listener.Start();
    }

    /// <summary>Transactions committed by this store operation.</summary>
    public long Commits(string operation)
    {
        lock (sync)
        {
            return commits.Where(c => c.Operation == operation).Sum(c => c.Commits);
        }
    }

    /// <summary>The number of writes in each group commit of this store operation, in order.</summary>
    public IReadOnlyList<int> Batches(string operation)
    {
        lock (sync)
        {
            return [.. batches.Where(b => b.Operation == operation).Select(b => b.Writes)];
        }
    }

    public void Dispose() => listener.Dispose();

    private string? OperationOnOurFile(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (ours, operation) = (false, (string?)null);
        foreach (var tag in tags)
        {
            ours |= tag.Key == SqliteWriteMetrics.FileTag && string.Equals(tag.Value as string, file, StringComparison.Ordinal);
            operation = tag.Key == SqliteWriteMetrics.OperationTag ? tag.Value as string : operation;
        }

        return ours ? operation : null;
    }
}
