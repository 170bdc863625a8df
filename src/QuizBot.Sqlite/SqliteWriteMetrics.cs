using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuizBot.Sqlite;

/// <summary>
/// What the write path costs, as .NET metrics: how long a write waited for its turn at the file's write gate, how
/// long the gate then sat idle before a queued write got going (the hand-off through the thread pool), how long it held the gate (its whole transaction, the commit included), how many transactions committed, and how many
/// writes a group commit (<see cref="GroupCommit"/>) carried in each.
/// Each measurement carries the database file and the store operation that wrote (the method that began the write).
/// `dotnet-counters monitor -n quizbot --counters QuizBot.Sqlite` shows them live; the held time's rate is the share
/// of wall time the gate is busy (1,000 ms/s: every write in this process waits in one queue).
/// </summary>
public static class SqliteWriteMetrics
{
    public const string MeterName = "QuizBot.Sqlite";
    public const string WaitName = "quizbot.sqlite.write.wait";
    public const string HandoffName = "quizbot.sqlite.write.handoff";
    public const string HeldName = "quizbot.sqlite.write.held";
    public const string HeldTotalName = "quizbot.sqlite.write.held_total";
    public const string CommitsName = "quizbot.sqlite.commits";
    public const string BatchName = "quizbot.sqlite.write.batch";
    public const string FileTag = "file";
    public const string OperationTag = "operation";

    private static readonly Meter Meter = new(MeterName);

    internal static Histogram<double> Wait { get; } = Meter.CreateHistogram<double>(WaitName, "ms", "Time a write waited for the file's write gate");

    internal static Histogram<double> Handoff { get; } = Meter.CreateHistogram<double>(HandoffName, "ms", "Time from a write giving the gate up to the next queued write starting: the gate is idle but taken");

    internal static Histogram<double> Held { get; } = Meter.CreateHistogram<double>(HeldName, "ms", "Time a write held the file's write gate");

    internal static Counter<double> HeldTotal { get; } = Meter.CreateCounter<double>(HeldTotalName, "ms", "Total time the file's write gate was held");

    internal static Counter<long> Commits { get; } = Meter.CreateCounter<long>(CommitsName, description: "Write transactions committed");

    internal static Histogram<int> Batch { get; } = Meter.CreateHistogram<int>(BatchName, "{write}", "Writes committed together in one transaction, each in its own savepoint");

    internal static bool Enabled => Wait.Enabled || Handoff.Enabled || Held.Enabled || HeldTotal.Enabled || Commits.Enabled || Batch.Enabled;

    internal static void RecordBatch(string file, string operation, int writes) =>
        Batch.Record(writes, new TagList { { FileTag, file }, { OperationTag, operation } });

    internal static void RecordHandoff(string file, string operation, long released, long acquired) =>
        Handoff.Record(Stopwatch.GetElapsedTime(released, acquired).TotalMilliseconds, new TagList { { FileTag, file }, { OperationTag, operation } });

    internal static void RecordTurn(string file, string operation, long requested, long acquired, long released, int commits)
    {
        var tags = new TagList { { FileTag, file }, { OperationTag, operation } };
        Wait.Record(Stopwatch.GetElapsedTime(requested, acquired).TotalMilliseconds, tags);
        var held = Stopwatch.GetElapsedTime(acquired, released).TotalMilliseconds;
        Held.Record(held, tags);
        HeldTotal.Add(held, tags);
        if (commits > 0)
        {
            Commits.Add(commits, tags);
        }
    }
}
