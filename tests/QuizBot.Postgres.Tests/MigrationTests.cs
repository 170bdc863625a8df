using Dapper;
using Npgsql;
using QuizBot.Postgres.Migrations;

namespace QuizBot.Postgres.Tests;

public sealed class MigrationTests(PostgresFixture fixture)
{
    [Fact]
    public async Task An_empty_database_gets_every_migration_once_and_reopening_changes_nothing()
    {
        await using var db = await fixture.NewDatabaseAsync();
        _ = db.Store;
        using (PostgresStore.Open(db.ConnectionString))
        {
        }

        await using var raw = await db.OpenRawAsync();
        var versions = (await raw.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;")).ToList();
        Assert.Equal(Enumerable.Range(1, PostgresStore.LatestSchemaVersion), versions);
        Assert.Equal(1, await raw.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'score_buckets';"));
    }

    [Fact]
    public async Task Instances_starting_together_wait_on_one_advisory_lock_and_the_schema_is_migrated_once()
    {
        await using var db = await fixture.NewDatabaseAsync();
        await using var holder = await db.OpenRawAsync();
        await holder.ExecuteAsync($"SELECT pg_advisory_lock({PostgresSchemaMigrator.LockKey});");

        var starting = Enumerable.Range(0, 3).Select(_ => Task.Run(() => PostgresStore.Open(db.ConnectionString))).ToList();
        await WaitForLockWaitersAsync(holder, expected: 3);
        Assert.Equal(0, await holder.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations';"));

        await holder.ExecuteAsync($"SELECT pg_advisory_unlock({PostgresSchemaMigrator.LockKey});");
        var stores = await Task.WhenAll(starting);
        foreach (var store in stores)
        {
            store.Dispose();
        }

        var versions = (await holder.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;")).ToList();
        Assert.Equal(Enumerable.Range(1, PostgresStore.LatestSchemaVersion), versions);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_is_refused_with_its_version()
    {
        await using var db = await fixture.NewDatabaseAsync();
        _ = db.Store;
        await using (var raw = await db.OpenRawAsync())
        {
            await raw.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (@v, 'from_the_future');", new { v = PostgresStore.LatestSchemaVersion + 1 });
        }

        var error = Assert.Throws<InvalidOperationException>(() => PostgresStore.Open(db.ConnectionString));
        Assert.Contains($"schema version {PostgresStore.LatestSchemaVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_fails_the_open_with_an_Npgsql_error()
    {
        var closedPort = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString("quizbot")) { Port = ClosedLoopbackPort(), Timeout = 5 };
        Assert.ThrowsAny<NpgsqlException>(() => PostgresStore.Open(closedPort.ConnectionString));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Database=quizbot;Username=bot")]
    [InlineData("Host=localhost;Username=bot")]
    [InlineData("Host=localhost;Database=quizbot;Password=hunter2;NoSuchKeyword=1")]
    public void A_malformed_connection_string_is_refused_without_echoing_it(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresStore.Open(connectionString));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="expected"/> sessions wait for the migration lock (a condition, polled; no fixed sleep decides the outcome).</summary>
    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection, int expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());") < expected)
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
