namespace QuizBot.Sqlite.Tests;

/// <summary>
/// Receipts asked for while the file's write gate is taken are committed together at the next turn, and each caller
/// still gets its own answer: an id is taken once, however many deliveries of it share a batch.
/// </summary>
public sealed class ReceiptGroupCommitTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new();

    [Fact]
    public async Task Receipts_queued_behind_a_held_write_commit_in_one_transaction_and_each_id_is_taken_once()
    {
        var receipts = db.Store.Receipts;
        using var metrics = new WriteMetricsRecorder(db.Store.FilePath);
        var other = new SqliteDatabase(new SqliteStoreOptions { Path = db.FilePath });

        List<ValueTask<bool>> asked;
        await using (await other.BeginWriteAsync(CancellationToken.None))
        {
            // Ids 1..20, and id 5 delivered a second time after its first delivery.
            var ids = Enumerable.Range(1, 20).Select(i => (ulong)i).Append(5UL).ToList();
            asked = ids.Select(id => receipts.TryRecordAsync(id, Now, Now.AddMinutes(15))).ToList();
            Assert.All(asked, answer => Assert.False(answer.IsCompleted));
        }

        var taken = new List<bool>();
        foreach (var answer in asked)
        {
            taken.Add(await answer);
        }

        Assert.All(taken.Take(20), Assert.True);
        Assert.False(taken[20]);
        Assert.Equal(1, metrics.Commits(nameof(receipts.TryRecordAsync)));
        Assert.False(await receipts.TryRecordAsync(5, Now, Now.AddMinutes(15)));
        Assert.Equal(2, metrics.Commits(nameof(receipts.TryRecordAsync)));
        other.ReleasePooledConnections();
    }

    [Fact]
    public async Task A_caller_that_cancels_while_queued_is_left_out_and_does_not_stop_the_others_receipts()
    {
        var receipts = db.Store.Receipts;
        var other = new SqliteDatabase(new SqliteStoreOptions { Path = db.FilePath });
        using var cancel = new CancellationTokenSource();

        ValueTask<bool> first, second;
        await using (await other.BeginWriteAsync(CancellationToken.None))
        {
            first = receipts.TryRecordAsync(1, Now, Now.AddMinutes(15), cancel.Token);
            second = receipts.TryRecordAsync(2, Now, Now.AddMinutes(15));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await first);
        }

        Assert.True(await second);
        Assert.False(await receipts.TryRecordAsync(2, Now, Now.AddMinutes(15)));

        // The receipt of the caller that left was never written: the next delivery of its id is taken.
        Assert.True(await receipts.TryRecordAsync(1, Now, Now.AddMinutes(15)));
        other.ReleasePooledConnections();
    }

    public void Dispose() => db.Dispose();
}
