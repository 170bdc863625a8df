using Microsoft.Data.Sqlite;
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

    protected override IQuizStore OpenAnother() => databases.OpenAnother().Quizzes;

    [Fact]
    public async Task An_instance_decides_from_what_it_last_wrote_and_another_instance_s_answer_costs_it_one_conflict()
    {
        var first = CreateStore();
        var session = Session("cached", Ann);
        await first.OpenAsync(session);
        Assert.IsType<QuizTransitionResult.AppliedResult>(await first.ApplyAsync(Answer(session, correct: true)));
        var second = OpenAnother();
        var moved = (await second.GetSessionToChangeAsync("cached"))!;
        Assert.IsType<QuizTransitionResult.AppliedResult>(await second.ApplyAsync(Answer(moved, correct: true)));

        // The first instance answers from its copy (version 1, no read), the compare-and-set refuses it with version 2.
        var copy = (await first.GetSessionToChangeAsync("cached"))!;
        Assert.Equal(1, copy.Version);
        var conflict = Assert.IsType<QuizTransitionResult.Conflict>(await first.ApplyAsync(Skip(copy)));
        Assert.Equal(2, conflict.Stored.Version);
        Assert.Equal(2, (await first.GetSessionToChangeAsync("cached"))!.Version);
        Assert.Equal(2, (await second.GetSeenCountsAsync(Ann)).Values.Sum());
        Assert.Null(await first.GetStepAsync("cached", 2));
    }

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

public sealed class SqliteGuildStoreContractTests : GuildStoreContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override IGuildStore CreateStore() => databases.New().Store.Guilds;

    protected override IGuildStore OpenAnother() => databases.OpenAnother().Guilds;

    /// <summary>A raw connection that takes the write lock and inserts the claim, holding both until it ends.</summary>
    protected override Task<IPendingClaim> BeginClaimAsync(DailyQuestion daily)
    {
        var connection = databases.Last.OpenRaw();
        var transaction = connection.BeginTransaction(deferred: false);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO daily_questions (scope, day, deck_id, question_id, channel_id, claimed_at)
            VALUES ($scope, $day, $deck, $question, $channel, $at);
            """;
        insert.Parameters.AddWithValue("$scope", daily.Scope);
        insert.Parameters.AddWithValue("$day", daily.Date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
        insert.Parameters.AddWithValue("$deck", daily.DeckId);
        insert.Parameters.AddWithValue("$question", daily.QuestionId);
        insert.Parameters.AddWithValue("$channel", daily.ChannelId);
        insert.Parameters.AddWithValue("$at", daily.ClaimedAt.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
        return Task.FromResult<IPendingClaim>(new HeldTransaction(connection, transaction));
    }

    public void Dispose() => databases.Dispose();
}

public sealed class SqlitePlayerStatsQueryContractTests : PlayerStatsQueryContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override ContractStores CreateStores() => Ports(databases.New().Store);

    protected override ContractStores OpenAnother() => Ports(databases.OpenAnother());

    protected override Task AssertRollupsMatchAnswersAsync()
    {
        using var connection = databases.Last.OpenRaw();
        ConcurrencyTests.AssertAggregatesMatchRecount(connection);
        return Task.CompletedTask;
    }

    /// <summary>SQLite has one write lock for the whole file: a raw connection takes it.</summary>
    protected override Task<IAsyncDisposable> HoldScoreWritesAsync(string scope)
    {
        var connection = databases.Last.OpenRaw();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new HeldTransaction(connection, transaction));
    }

    /// <summary>Writers wait in SQLite's busy handler, which nothing outside can see.</summary>
    protected override Task WaitUntilWaitingAsync(int waiters) => Task.CompletedTask;

    public void Dispose() => databases.Dispose();

    internal static ContractStores Ports(SqliteStore store) => new(store.Quizzes, store.Study, store.Guilds, store.Stats, store.Progress);
}

public sealed class SqlitePlayerProgressQueryContractTests : PlayerProgressQueryContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override ContractStores CreateStores() => SqlitePlayerStatsQueryContractTests.Ports(databases.New().Store);

    public void Dispose() => databases.Dispose();
}

/// <summary>The identify slots in a database file; another instance is another store on the same file.</summary>
public sealed class SqliteIdentifySlotStoreContractTests : IdentifySlotStoreContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override IIdentifySlotStore CreateStore() => databases.New().Store.IdentifySlots;

    protected override IIdentifySlotStore OpenAnother() => databases.OpenAnother().IdentifySlots;

    public void Dispose() => databases.Dispose();
}

/// <summary>
/// A fresh database file per store a contract test asks for, and further stores on the last file as other
/// instances of the bot would open it; all closed and deleted at the end.
/// </summary>
internal sealed class TestDatabases : IDisposable
{
    private readonly List<TestDatabase> made = [];
    private readonly List<SqliteStore> others = [];

    public TestDatabase Last => made[^1];

    public TestDatabase New()
    {
        var database = new TestDatabase();
        made.Add(database);
        return database;
    }

    public SqliteStore OpenAnother()
    {
        var store = SqliteStore.Open(Last.FilePath);
        others.Add(store);
        return store;
    }

    public void Dispose()
    {
        others.ForEach(s => s.Dispose());
        made.ForEach(d => d.Dispose());
    }
}
