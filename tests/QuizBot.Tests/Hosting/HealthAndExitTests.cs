using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuizBot.Cli;
using QuizBot.Tests.Cli;
using Microsoft.Extensions.Configuration;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Tests.EndToEnd;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>What Docker, systemd and Kubernetes see: readiness that tells the truth, and exit codes that say why the bot stopped.</summary>
public sealed class HealthAndExitTests
{
    private const string Token = "NDI0Mg.test.token-for-the-simulator";

    [Fact]
    public async Task Http_mode_is_live_and_ready_and_readiness_fails_when_the_database_goes()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        using var http = new HttpClient();

        using var live = await http.GetAsync(new Uri(bot.HealthUrl, HealthEndpoints.LivePath));
        using var ready = await http.GetAsync(new Uri(bot.HealthUrl, HealthEndpoints.ReadyPath));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\ndatabase: open\nhttp endpoint: serving\n", await ready.Content.ReadAsStringAsync());

        File.Move(bot.DatabasePath, bot.DatabasePath + ".gone");
        using var notReady = await http.GetAsync(new Uri(bot.HealthUrl, HealthEndpoints.ReadyPath));
        using var alias = await http.GetAsync(bot.HealthUrl);
        using var stillLive = await http.GetAsync(new Uri(bot.HealthUrl, HealthEndpoints.LivePath));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.StartsWith("not ready\ndatabase: cannot be read", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, alias.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
        File.Move(bot.DatabasePath + ".gone", bot.DatabasePath);
    }

    [Fact]
    public async Task Gateway_mode_is_not_ready_until_the_session_is_up_and_health_says_so()
    {
        using var folder = new TempFolder();
        await using var rest = await FakeDiscordRestServer.StartAsync();
        await using var gateway = await GatewaySimulator.StartAsync();
        var start = BotHost.Prepare([], GatewaySettings(folder, rest, gateway));
        Assert.True(start.App is not null, start.Error);
        await using var app = start.App;
        await app.StartAsync();
        var health = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), HealthEndpoints.ReadyPath);

        var connection = await gateway.NextConnectionAsync();
        var (code, output, error) = await CheckHealthAsync(health);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("answered 503 (database: open; gateway: connecting)", error, StringComparison.Ordinal);

        await connection.SendHelloAsync(45_000);
        await connection.ReceiveAsync(2);
        var sequence = await connection.SendReadyAsync("session-1");
        await WaitUntilHandledAsync(connection, sequence);

        (code, output, _) = await CheckHealthAsync(health);
        Assert.Equal(0, code);
        Assert.Equal("healthy\n", output.ReplaceLineEndings("\n"));
        await app.StopAsync();
    }

    [Theory]
    [InlineData(4004, "Discord rejected the bot token (gateway close 4004)")]
    [InlineData(4013, "Discord rejected the intents (gateway close 4013)")]
    [InlineData(4014, "gateway close 4014")]
    public async Task A_fatal_gateway_close_ends_the_run_with_exit_code_3_and_one_line(int closeCode, string expected)
    {
        using var folder = new TempFolder();
        await using var rest = await FakeDiscordRestServer.StartAsync();
        await using var gateway = await GatewaySimulator.StartAsync();
        var run = CliRun.AppAsync([.. Arguments(GatewaySettings(folder, rest, gateway))]);

        var connection = await gateway.NextConnectionAsync();
        await connection.SendHelloAsync(45_000);
        await connection.ReceiveAsync(2);
        await connection.CloseAsync(closeCode, "refused");

        var result = await run.WaitAsync(GatewaySimulator.DefaultTimeout);
        Assert.True(result.ExitCode == ExitCodes.DiscordRefused, result.Error);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Stopped: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("(exit code 3)", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_rejected_when_asking_for_the_gateway_ends_the_run_with_exit_code_3()
    {
        using var folder = new TempFolder();
        await using var rest = await FakeDiscordRestServer.StartAsync();
        rest.Enqueue("GET", "/gateway/bot", ScriptedResponse.Error(401, 0, "401: Unauthorized"));
        var settings = GatewaySettings(folder, rest, gateway: null);

        var result = await CliRun.AppAsync([.. Arguments(settings)]).WaitAsync(GatewaySimulator.DefaultTimeout);

        Assert.True(result.ExitCode == ExitCodes.DiscordRefused, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("Discord rejected the bot token", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>
    /// The CI flake, made certain: on a loaded machine the 401 can come back while the host is still starting (Kestrel
    /// starts last). The host's start is then cut short, and the run must still end with exit code 3, not 1.
    /// </summary>
    [Fact]
    public async Task A_token_rejected_while_the_host_is_still_starting_is_still_exit_code_3()
    {
        using var folder = new TempFolder();
        await using var rest = await FakeDiscordRestServer.StartAsync();
        rest.Enqueue("GET", "/gateway/bot", ScriptedResponse.Error(401, 0, "401: Unauthorized"));
        var start = BotHost.Prepare([], GatewaySettings(folder, rest, gateway: null), builder => builder.Services.AddHostedService<HoldStartUntilStopping>());
        Assert.True(start.App is not null, start.Error);
        using var error = new StringWriter();

        var code = await RunCommand.RunUntilStoppedAsync(start.App, error).WaitAsync(GatewaySimulator.DefaultTimeout);

        Assert.True(code == ExitCodes.DiscordRefused, $"exit {code}: {error}");
        Assert.Contains("Discord rejected the bot token", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_commands_with_a_rejected_token_is_exit_code_3()
    {
        await using var rest = await FakeDiscordRestServer.StartAsync();
        rest.Enqueue("PUT", "/applications/4242/commands", ScriptedResponse.Error(401, 0, "401: Unauthorized"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await RegisterCommandsCommand.RegisterAsync(
            Configuration(new() { ["Discord:Token"] = Token, ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(), ["Content:Path"] = RepositoryPaths.Content }),
            null,
            output,
            error,
            CancellationToken.None);

        Assert.Equal(ExitCodes.DiscordRefused, code);
        Assert.Equal("Registration failed: Discord rejected the bot token (401). Check Discord__Token.", error.ToString().Trim());
    }

    [Fact]
    public void Gateway_mode_serves_health_on_loopback_unless_told_otherwise()
    {
        using var folder = new TempFolder();
        var gateway = BotSettings.Read(Configuration(new() { ["Discord:Token"] = Token, ["Content:Path"] = RepositoryPaths.Content }), out _);
        var http = BotSettings.Read(Configuration(new() { ["Discord:Mode"] = "http", ["Discord:PublicKey"] = new string('a', 64), ["Discord:ApplicationId"] = "1", ["Content:Path"] = RepositoryPaths.Content }), out _);
        var configured = BotSettings.Read(Configuration(new() { ["Discord:Token"] = Token, ["Http:Urls"] = "http://0.0.0.0:9000", ["Content:Path"] = RepositoryPaths.Content }), out _);

        Assert.Equal(["http://127.0.0.1:8080"], gateway!.HttpUrls);
        Assert.Equal(["http://0.0.0.0:8080"], http!.HttpUrls);
        Assert.Equal(["http://0.0.0.0:9000"], configured!.HttpUrls);
    }

    [Fact]
    public void The_daily_question_is_mentioned_once_in_the_settings_summary()
    {
        var http = BotSettings.Read(Configuration(new() { ["Discord:Mode"] = "http", ["Discord:PublicKey"] = new string('a', 64), ["Discord:ApplicationId"] = "1", ["Content:Path"] = RepositoryPaths.Content }), out _)!;

        Assert.StartsWith("question of the day off (it posts with the bot token: set Discord__Token", BotHost.DailyNote(http), StringComparison.Ordinal);
        Assert.Equal("question of the day on", BotHost.DailyNote(http with { Token = Token }));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Dictionary<string, string?> GatewaySettings(TempFolder folder, FakeDiscordRestServer rest, GatewaySimulator? gateway)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = folder.File("bot.db"),
            ["Content:Path"] = RepositoryPaths.Content,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (gateway is not null)
        {
            settings["Discord:GatewayUrl"] = gateway.Url.ToString();
        }

        return settings;
    }

    private static IEnumerable<string> Arguments(Dictionary<string, string?> settings) =>
        settings.Select(s => $"--{s.Key}={s.Value}").Prepend("run");

    private static async Task<(int Code, string Output, string Error)> CheckHealthAsync(Uri url)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HealthCommand.CheckAsync(url.ToString(), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The client handles frames in order: once it answers a heartbeat request with this sequence, it has handled that frame.</summary>
    private static async Task WaitUntilHandledAsync(GatewayConnection connection, int sequence)
    {
        await connection.SendHeartbeatRequestAsync();
        while ((await connection.ReceiveAsync(1))["d"]?.GetValue<int?>() != sequence)
        {
        }
    }

    /// <summary>Registered after the gateway client, so it starts after it: holds the rest of the host's start until something asked the host to stop.</summary>
    private sealed class HoldStartUntilStopping(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
