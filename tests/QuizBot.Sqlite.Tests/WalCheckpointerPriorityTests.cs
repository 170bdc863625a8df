using QuizBot.Core.Threading;

namespace QuizBot.Sqlite.Tests;

/// <summary>The checkpointing thread runs below the writers' priority, as the kernel reports it.</summary>
public sealed class WalCheckpointerPriorityTests : IDisposable
{
    private static readonly SqlStatement CreateFiller = new("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY);");
    private static readonly SqlStatement InsertFiller = new("INSERT INTO filler (id) VALUES ($id);", "$id");

    private readonly TestDatabase db = new();

    [Fact]
    public async Task The_checkpointer_thread_runs_at_a_lower_priority_than_the_process()
    {
        _ = db.Store;
        db.Current!.Dispose();
        var database = new SqliteDatabase(new SqliteStoreOptions { Path = db.FilePath, BackgroundCheckpoints = true });

        // Threads start with their creator's nice value, and the process's threads have the process's (its main thread's).
        var process = BackgroundPriority.NiceOf(Environment.ProcessId)!.Value;
        await using (var write = await database.BeginWriteAsync(CancellationToken.None))
        {
            write.Command(CreateFiller).ExecuteNonQuery();
            await write.CommitAsync(CancellationToken.None);
        }

        // A pass completes only after the thread has lowered itself and noted its id.
        var checkpointer = database.Checkpointer!;
        var pass = checkpointer.NextCheckpointAsync();
        for (var i = 0; i < WalCheckpointer.WakeEveryCommits; i++)
        {
            await using var write = await database.BeginWriteAsync(CancellationToken.None);
            PreparedCommands.Run(write.Command(InsertFiller), i);
            await write.CommitAsync(CancellationToken.None);
        }

        await pass.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, checkpointer.ThreadId);
        Assert.Equal(Math.Min(process + BackgroundPriority.DefaultSteps, BackgroundPriority.LowestNice), BackgroundPriority.NiceOf(checkpointer.ThreadId));
        database.ReleasePooledConnections();
    }

    public void Dispose() => db.Dispose();
}
