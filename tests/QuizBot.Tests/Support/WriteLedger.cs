using System.Diagnostics.Metrics;
using QuizBot.Sqlite;

namespace QuizBot.Tests.Support;

/// <summary>
/// Counts the write transactions one database file commits and how long writes hold its write gate, from the store's
/// own metrics (<see cref="SqliteWriteMetrics"/>), so a test can say what an interaction cost in writes.
/// </summary>
internal sealed class WriteLedger : IDisposable
{
    private readonly string file;
    private readonly MeterListener listener = new();
    private readonly Lock sync = new();
    private long commits;
    private long turns;
    private double heldMs;
    private readonly List<string> operations = [];

    public WriteLedger(string file)
    {
        this.file = Path.GetFullPath(file);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteWriteMetrics.MeterName
                && instrument.Name is SqliteWriteMetrics.CommitsName or SqliteWriteMetrics.HeldName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (IsOurs(tags))
            {
                lock (sync)
                {
                    commits += value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (IsOurs(tags, out var operation))
            {
                lock (sync)
                {
                    turns++;
                    heldMs += value;
                    operations.Add(operation);
                }
            }
        });
        listener.Start();
    }

    /// <summary>What was written since the last call: commits, turns at the gate, time held, and the store operations that wrote.</summary>
    public (long Commits, long Turns, double HeldMs, IReadOnlyList<string> Operations) Take()
    {
        lock (sync)
        {
            var taken = (commits, turns, heldMs, (IReadOnlyList<string>)operations.ToList());
            (commits, turns, heldMs) = (0, 0, 0);
            operations.Clear();
            return taken;
        }
    }

    public void Dispose() => listener.Dispose();

    private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags) => IsOurs(tags, out _);

    private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags, out string operation)
    {
        var ours = false;
        operation = "";
        foreach (var tag in tags)
        {
            if (tag.Key == SqliteWriteMetrics.FileTag)
            {
                ours = string.Equals(tag.Value as string, file, StringComparison.Ordinal);
            }
            else if (tag.Key == SqliteWriteMetrics.OperationTag)
            {
                operation = tag.Value as string ?? "";
            }
        }

        return ours;
    }
}
