using Dapper;
using Npgsql;
using QuizBot.Core.Ports;
using QuizBot.Store.Contracts;

namespace QuizBot.Postgres.Tests;

/// <summary>The PostgreSQL stores against the port contracts, each test on a new database of the shared server.</summary>
public sealed class PostgresQuizStoreContractTests(PostgresFixture fixture) : QuizStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override IQuizStore CreateStore() => databases.Create().Quizzes;

    protected override IQuizStore OpenAnother() => databases.OpenAnother().Quizzes;

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

public sealed class PostgresStudyStoreContractTests(PostgresFixture fixture) : StudyStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override IStudyStore CreateStore() => databases.Create().Study;

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

public sealed class PostgresGuildStoreContractTests(PostgresFixture fixture) : GuildStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override IGuildStore CreateStore() => databases.Create().Guilds;

    protected override IGuildStore OpenAnother() => databases.OpenAnother().Guilds;

    /// <summary>A raw connection that inserts the claim in a transaction it keeps open: other inserts of that day wait on it.</summary>
    protected override async Task<IPendingClaim> BeginClaimAsync(DailyQuestion daily)
    {
        var connection = new NpgsqlConnection(databases.LastConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO daily_questions (scope, day, deck_id, question_id, channel_id, claimed_at)
            VALUES (@Scope, @Day, @DeckId, @QuestionId, @ChannelId, @At);
            """,
            new
            {
                daily.Scope,
                Day = (long)(daily.Date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
                daily.DeckId,
                daily.QuestionId,
                daily.ChannelId,
                At = daily.ClaimedAt.ToUnixTimeMilliseconds(),
            },
            transaction);
        return new HeldTransaction(connection, transaction);
    }

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

public sealed class PostgresPlayerStatsQueryContractTests(PostgresFixture fixture) : PlayerStatsQueryContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override ContractStores CreateStores() => Ports(databases.Create());

    protected override ContractStores OpenAnother() => Ports(databases.OpenAnother());

    protected override async Task AssertRollupsMatchAnswersAsync()
    {
        await using var raw = new NpgsqlConnection(databases.LastConnectionString);
        await raw.OpenAsync();
        await Recount.AssertRollupsMatchAsync(raw);
    }

    /// <summary>An answer holds the scope's advisory lock shared for its transaction: a raw connection takes it so.</summary>
    protected override async Task<IAsyncDisposable> HoldScoreWritesAsync(string scope)
    {
        var connection = new NpgsqlConnection(databases.LastConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock_shared(@Space, hashtext(@Scope));", new { Space = Sql.ScopeLockSpace, Scope = scope }, transaction);
        return new HeldTransaction(connection, transaction);
    }

    /// <summary>Polls the server's view of its backends until enough of this database's wait on a lock (a condition, not a timer).</summary>
    protected override async Task WaitUntilWaitingAsync(int waiters)
    {
        await using var connection = new NpgsqlConnection(databases.LastConnectionString);
        await connection.OpenAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';") < waiters)
        {
            await Task.Delay(10, patience.Token);
        }
    }

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    internal static ContractStores Ports(PostgresStore store) => new(store.Quizzes, store.Study, store.Guilds, store.Stats, store.Progress);
}

public sealed class PostgresPlayerProgressQueryContractTests(PostgresFixture fixture) : PlayerProgressQueryContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override ContractStores CreateStores() => PostgresPlayerStatsQueryContractTests.Ports(databases.Create());

    public ValueTask DisposeAsync() => databases.DisposeAsync();
}

/// <summary>
/// The databases a contract test made, and further stores (own pools) on the last one as other instances of the
/// bot would open them; all closed and the databases dropped when the test ends.
/// </summary>
internal sealed class ContractDatabases(PostgresFixture fixture) : IAsyncDisposable
{
    private readonly List<(PostgresStore Store, string ConnectionString)> made = [];

    public string LastConnectionString => made[^1].ConnectionString;

    public PostgresStore Create()
    {
        // A language collation, as on a server initialised with the operator's locale: the stores must not lean on
        // the database's default order of text (the test server's own default is code point order).
        var connectionString = fixture.Server.CreateDatabase(icuLocale: "en-US");
        var store = PostgresStore.Open(connectionString);
        made.Add((store, connectionString));
        return store;
    }

    public PostgresStore OpenAnother()
    {
        var connectionString = LastConnectionString;
        var store = PostgresStore.Open(connectionString);
        made.Add((store, connectionString));
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (store, _) in made)
        {
            store.Dispose();
        }

        foreach (var connectionString in made.Select(m => m.ConnectionString).Distinct())
        {
            await fixture.Server.DropDatabaseAsync(connectionString);
        }
    }
}

/// <summary>The trivia store contract on PostgreSQL; a second handle is a second <see cref="PostgresStore"/> (own pool) on the same database.</summary>
public sealed class PostgresTriviaStoreContractTests : TriviaStoreContract
{
    private readonly PostgresFixture fixture;
    private readonly string connectionString;
    private readonly PostgresStore store;
    private readonly List<PostgresStore> others = [];

    public PostgresTriviaStoreContractTests(PostgresFixture fixture)
    {
        this.fixture = fixture;
        connectionString = fixture.Server.CreateDatabase(icuLocale: "en-US");
        store = PostgresStore.Open(connectionString);
    }

    protected override Core.Trivia.ITriviaStore Store => store.Trivia;

    protected override Core.Trivia.ITriviaStore OpenAnother()
    {
        var another = PostgresStore.Open(connectionString);
        lock (others)
        {
            others.Add(another);
        }

        return another.Trivia;
    }

    protected override async Task<int> AnswersStoredAsync(Core.Players.PlayerKey player) =>
        (await store.Stats.GetStatsAsync(player, T0.AddDays(1))).Answered;

    public override void Dispose()
    {
        foreach (var another in others)
        {
            another.Dispose();
        }

        store.Dispose();
        fixture.Server.DropDatabase(connectionString);
    }
}

/// <summary>The bot's replay guard on PostgreSQL against the contract; another instance is another store (own pool) on the same database.</summary>
public sealed class PostgresInteractionDeduplicatorContractTests(PostgresFixture fixture) : QuizBot.Store.Contracts.SharedInteractionDeduplicatorContract, IAsyncDisposable
{
    private readonly List<PostgresStore> stores = [];
    private string? connectionString;
    private Core.Ports.IInteractionReceiptStore? receipts;

    protected override Core.Ports.IInteractionReceiptStore Receipts => receipts ?? throw new InvalidOperationException("No guard made yet.");

    protected override Discord.Interactions.IInteractionDeduplicator CreateGuard()
    {
        connectionString = fixture.Server.CreateDatabase();
        receipts = Open().Receipts;
        return new Hosting.StoreInteractionDeduplicator(receipts, Time);
    }

    protected override Discord.Interactions.IInteractionDeduplicator CreateGuardOfAnotherInstance() =>
        new Hosting.StoreInteractionDeduplicator(Open().Receipts, Time);

    public async ValueTask DisposeAsync()
    {
        stores.ForEach(s => s.Dispose());
        if (connectionString is not null)
        {
            await fixture.Server.DropDatabaseAsync(connectionString);
        }
    }

    private PostgresStore Open()
    {
        var store = PostgresStore.Open(connectionString!);
        stores.Add(store);
        return store;
    }
}

/// <summary>The identify slots on PostgreSQL; another instance is another store (own pool) on the same database.</summary>
public sealed class PostgresIdentifySlotStoreContractTests(PostgresFixture fixture) : IdentifySlotStoreContract, IAsyncDisposable
{
    private readonly ContractDatabases databases = new(fixture);

    protected override Core.Ports.IIdentifySlotStore CreateStore() => databases.Create().IdentifySlots;

    protected override Core.Ports.IIdentifySlotStore OpenAnother() => databases.OpenAnother().IdentifySlots;

    [Fact]
    public async Task A_claim_queues_behind_a_held_claim_of_its_bucket_while_other_buckets_go_at_once()
    {
        var store = CreateStore();
        var t0 = Time.GetUtcNow();
        Assert.True((await ClaimAsync(store, 0, t0)).Claimed);
        var later = t0 + TimeSpan.FromSeconds(5);

        // Another instance is mid-claim on bucket 0 at the moment it frees: it holds the row, moved forward.
        await using var holder = new NpgsqlConnection(databases.LastConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync(
            "UPDATE identify_slots SET next_allowed_at = @Next WHERE bucket = 0;",
            new { Next = (later + TimeSpan.FromSeconds(5)).ToUnixTimeMilliseconds() },
            held);

        Time.AdjustTime(later);
        var queued = OpenAnother().TryClaimAsync(0, Time, TimeSpan.FromSeconds(5)).AsTask();
        await WaitUntilWaitingAsync();
        Assert.False(queued.IsCompleted);
        Assert.True((await store.TryClaimAsync(1, Time, TimeSpan.FromSeconds(5))).Claimed);

        await held.CommitAsync();
        Assert.Equal(new Core.Ports.IdentifySlotClaim(false, later + TimeSpan.FromSeconds(5)), await queued);
    }

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    /// <summary>Polls the server's view of this database's backends until one waits on a lock (a condition, not a timer).</summary>
    private async Task WaitUntilWaitingAsync()
    {
        await using var connection = new NpgsqlConnection(databases.LastConnectionString);
        await connection.OpenAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';") < 1)
        {
            await Task.Delay(10, patience.Token);
        }
    }
}
