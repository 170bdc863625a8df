using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Store.Contracts;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Sqlite.Tests;

/// <summary>The SQLite stores against the port contracts, each test on a fresh database file.</summary>
public sealed class SqliteQuizStoreContractTests : QuizStoreContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override IQuizStore CreateStore() => databases.New().Store.Quizzes;

    [Fact]
    public async Task Skip_and_answer_queued_behind_a_busy_database_still_let_exactly_one_through()
    {
        var database = databases.New();
        var store = database.Store.Quizzes;
        var player = new PlayerKey("guild-1", "ann");
        var session = Session("busy", player);
        await store.OpenAsync(session);

        // Another writer holds the file's write lock while both presses arrive; they queue on the busy timeout.
        Task<QuizTransitionResult>[] presses;
        using (var holder = database.OpenRaw())
        using (var hold = holder.BeginTransaction(deferred: false))
        {
            using (var write = holder.CreateCommand())
            {
                write.Transaction = hold;
                write.CommandText = "UPDATE quiz_sessions SET seed = seed WHERE id = 'busy';";
                write.ExecuteNonQuery();
            }

            presses = [Task.Run(() => store.ApplyAsync(Skip(session))), Task.Run(() => store.ApplyAsync(Answer(session, correct: true)))];
            Assert.DoesNotContain(presses, p => p.IsCompleted && p.Result is QuizTransitionResult.AppliedResult);
            hold.Commit();
        }

        var results = await Task.WhenAll(presses);
        Assert.Single(results, r => r is QuizTransitionResult.AppliedResult);
        var stored = (await store.GetSessionAsync("busy"))!;
        Assert.Equal((1, 1), (stored.Position, stored.Version));
        Assert.Equal(stored.Answered, (await store.GetSeenCountsAsync(player)).Values.Sum());
    }

    public void Dispose() => databases.Dispose();
}

public sealed class SqliteStudyStoreContractTests : StudyStoreContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override IStudyStore CreateStore() => databases.New().Store.Study;

    public void Dispose() => databases.Dispose();
}

/// <summary>A fresh database file per store a contract test asks for, all deleted at the end.</summary>
internal sealed class TestDatabases : IDisposable
{
    private readonly List<TestDatabase> made = [];

    public TestDatabase New()
    {
        var database = new TestDatabase();
        made.Add(database);
        return database;
    }

    public void Dispose() => made.ForEach(d => d.Dispose());
}
