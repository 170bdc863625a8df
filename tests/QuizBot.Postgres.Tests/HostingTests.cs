using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuizBot.Core.Ports;
using QuizBot.Hosting;
using QuizBot.Sqlite;
using QuizBot.Tests;

namespace QuizBot.Postgres.Tests;

/// <summary>Storage:Provider and Storage:ConnectionString through the real host, as `quizbot run` starts it.</summary>
public sealed class HostingTests(PostgresFixture fixture)
{
    private const string PublicKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Provider_postgres_opens_and_migrates_the_database_and_every_port_is_the_PostgreSQL_store()
    {
        await using var db = await fixture.NewDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "quizbot-host-" + Guid.NewGuid().ToString("N"));
        var start = BotHost.Prepare([], Settings(("Storage:Provider", "postgres"), ("Storage:ConnectionString", db.ConnectionString), ("Storage:Path", Path.Combine(folder, "bot.db"))));
        Assert.True(start.App is not null, start.Error);
        await using var app = start.App;

        Assert.IsType<PostgresQuizStore>(app.Services.GetRequiredService<IQuizStore>());
        Assert.IsType<PostgresStudyStore>(app.Services.GetRequiredService<IStudyStore>());
        Assert.IsType<PostgresPlayerStatsQuery>(app.Services.GetRequiredService<IPlayerStatsQuery>());
        Assert.IsType<PostgresGuildStore>(app.Services.GetRequiredService<IGuildStore>());
        Assert.Null(app.Services.GetService<SqliteStore>());
        Assert.False(Directory.Exists(folder), "no SQLite file is created when the store is PostgreSQL");
        await using var raw = await db.OpenRawAsync();
        Assert.Equal(PostgresStore.LatestSchemaVersion, PostgresSchemaVersion(raw));
    }

    [Fact]
    public async Task Readiness_probes_the_PostgreSQL_database_not_a_SQLite_file()
    {
        await using var db = await fixture.NewDatabaseAsync();
        var start = BotHost.Prepare([], Settings(("Storage:Provider", "postgres"), ("Storage:ConnectionString", db.ConnectionString), ("Storage:Path", Path.Combine(Path.GetTempPath(), "quizbot-none-" + Guid.NewGuid().ToString("N"), "bot.db"))));
        Assert.True(start.App is not null, start.Error);
        await using var app = start.App;
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient();

        using var ready = await http.GetAsync(new Uri(address, HealthEndpoints.ReadyPath));

        Assert.Equal("ready\ndatabase: open\nhttp endpoint: serving\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void An_unreachable_server_stops_the_start_with_exit_code_2_and_one_line_naming_the_setting()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString("quizbot")) { Port = ClosedPort(), Password = "s3cret-never-shown" };

        var start = BotHost.Prepare([], Settings(("Storage:Provider", "postgres"), ("Storage:ConnectionString", unreachable.ConnectionString)));

        Assert.Null(start.App);
        Assert.Equal(2, start.ExitCode);
        Assert.StartsWith($"Storage:ConnectionString cannot be used (postgres://127.0.0.1:{unreachable.Port}/quizbot):", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', start.Error);
    }

    [Fact]
    public async Task A_missing_database_stops_the_start_with_exit_code_2()
    {
        await using var db = await fixture.NewDatabaseAsync();
        var missing = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = "no_such_database" };

        var start = BotHost.Prepare([], Settings(("Storage:Provider", "postgres"), ("Storage:ConnectionString", missing.ConnectionString)));

        Assert.Equal(2, start.ExitCode);
        Assert.StartsWith("Storage:ConnectionString cannot be used", start.Error, StringComparison.Ordinal);
        Assert.Contains("no_such_database", start.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql", null, "Storage:Provider must be 'sqlite' or 'postgres', not 'mysql'")]
    [InlineData("postgres", null, "Storage:ConnectionString is not set")]
    [InlineData("postgres", "Database=quizbot", "Storage:ConnectionString cannot be used")]
    [InlineData("sqlite", "Host=db;Database=quizbot", "Storage:ConnectionString is set but Storage:Provider is sqlite")]
    [InlineData(null, "Host=db;Database=quizbot", "Storage:ConnectionString is set but Storage:Provider is sqlite")]
    public void Storage_setting_mistakes_stop_the_start_with_exit_code_2(string? provider, string? connectionString, string expected)
    {
        var start = BotHost.Prepare([], Settings(("Storage:Provider", provider), ("Storage:ConnectionString", connectionString)));

        Assert.Null(start.App);
        Assert.Equal(2, start.ExitCode);
        Assert.StartsWith(expected, start.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_points_to_pg_dump_when_the_store_is_PostgreSQL_and_stays_quiet_for_SQLite()
    {
        var postgres = new ConfigurationBuilder().AddInMemoryCollection([new("Storage:Provider", "postgres")]).Build();
        var sqlite = new ConfigurationBuilder().AddInMemoryCollection([new("Storage:Path", "data/quizbot.db")]).Build();

        Assert.Contains("pg_dump", StorageSettings.BackupAdvice(postgres), StringComparison.Ordinal);
        Assert.Null(StorageSettings.BackupAdvice(sqlite));
    }

    private static KeyValuePair<string, string?>[] Settings(params (string Key, string? Value)[] extra) =>
    [
        new("Discord:Mode", "http"),
        new("Discord:PublicKey", PublicKey),
        new("Discord:ApplicationId", "4242"),
        new("Http:Urls", "http://127.0.0.1:0"),
        new("Content:Path", RepositoryPaths.Content),
        .. extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
    ];

    private static int PostgresSchemaVersion(NpgsqlConnection raw)
    {
        using var command = new NpgsqlCommand("SELECT MAX(version) FROM schema_migrations;", raw);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
