using BenchmarkDotNet.Attributes;
using QuizBot.Sqlite;

namespace QuizBot.Benchmarks;

/// <summary>
/// What the replay guard adds to each interaction on SQLite: one insert of the interaction id's receipt (a new id, the
/// usual case) or one refused insert (a repeat), on a file already holding a window's worth of receipts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class InteractionReceiptBenchmarks
{
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "quizbot-bench-receipts-" + Guid.NewGuid().ToString("N"));
    private SqliteStore store = null!;
    private ulong next = 1_400_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        store = SqliteStore.Open(Path.Combine(folder, "receipts.db"));

        // 15 minutes at 50 interactions a second: the table's size in steady state.
        for (var i = 0; i < 45_000; i++)
        {
            store.Receipts.TryRecordAsync(next++, Now, Now.AddMinutes(15)).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "new id")]
    public ValueTask<bool> NewId() => store.Receipts.TryRecordAsync(next++, Now, Now.AddMinutes(15));

    [Benchmark(Description = "repeated id")]
    public ValueTask<bool> RepeatedId() => store.Receipts.TryRecordAsync(1_400_000_000_000_000_000, Now, Now.AddMinutes(15));
}
