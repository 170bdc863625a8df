using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new DiscordOptions();

        Assert.Equal(new Uri("https://discord.com/api/v10"), options.ApiBaseUrl);
        Assert.Equal("/interactions", options.InteractionsPath);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.DeferAfter);
        Assert.Equal(0, options.Intents);
        Assert.Equal(1, options.ShardCount);
        Assert.Equal("", options.ShardIds);
        Assert.Null(options.GatewayUrl);
    }

    [Fact]
    public async Task The_registered_rest_client_never_logs_an_interaction_token()
    {
        await using var rest = await FakeDiscordRestServer.StartAsync();
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddDiscordRest(options =>
        {
            options.ApplicationId = 77;
            options.ApiBaseUrl = rest.BaseUrl;
        });
        await using var provider = services.BuildServiceProvider();

        const string interactionToken = "interaction-token-that-must-not-be-logged";
        await provider.GetRequiredService<IDiscordRestClient>().CreateFollowupMessageAsync(interactionToken, MessagePayload.Text("hi"));

        Assert.Contains(rest.Requests, request => request.Path.Contains(interactionToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(interactionToken, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_bind_from_the_discord_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "configured-token",
            ["Discord:ApplicationId"] = "1170000000000000002",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:5000/api/v10",
            ["Discord:GatewayUrl"] = "ws://127.0.0.1:5001/",
            ["Discord:Intents"] = "513",
            ["Discord:ShardIds"] = "1-2",
            ["Discord:ShardCount"] = "4",
            ["Discord:InteractionsPath"] = "/in",
            ["Discord:DeferAfter"] = "00:00:01.5",
            ["Discord:MaxBodyBytes"] = "2048",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();

        services.AddDiscordRest();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.Equal("configured-token", options.Token);
        Assert.Equal(1170000000000000002UL, options.ApplicationId);
        Assert.Equal(new Uri("http://127.0.0.1:5000/api/v10"), options.ApiBaseUrl);
        Assert.Equal(new Uri("ws://127.0.0.1:5001/"), options.GatewayUrl);
        Assert.Equal(513, options.Intents);
        Assert.Equal(("1-2", 4), (options.ShardIds, options.ShardCount));
        Assert.Equal("/in", options.InteractionsPath);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.DeferAfter);
        Assert.Equal(2048, options.MaxBodyBytes);
        Assert.IsType<DiscordRestClient>(provider.GetRequiredService<IDiscordRestClient>());
    }

    [Fact]
    public async Task A_host_running_the_gateway_stops_when_discord_rejects_the_token()
    {
        await using var gateway = await GatewaySimulator.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IInteractionHandler, NoAnswerHandler>();
        builder.Services.AddDiscordGateway(options =>
        {
            options.Token = "rejected-token";
            options.GatewayUrl = gateway.Url;
        });
        using var host = builder.Build();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var stopped = new TaskCompletionSource();
        stopping.Register(() => stopped.TrySetResult());
        await host.StartAsync();

        var connection = await gateway.NextConnectionAsync();
        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(2);
        await connection.CloseAsync(4004, "Authentication failed.");

        await stopped.Task.WaitAsync(GatewaySimulator.DefaultTimeout);
        var client = host.Services.GetRequiredService<DiscordGatewayClient>();
        Assert.Equal(4004, Assert.IsType<DiscordGatewayException>(client.ExecuteTask!.Exception!.InnerException).CloseCode);
        await host.StopAsync();
    }

    private sealed class NoAnswerHandler : IInteractionHandler
    {
        public Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.DeferredMessage());
    }
}

/// <summary>Collects every log line of every category, as a host's logging would receive them.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly RecordingLogger<RecordingLoggerProvider> _logger = new();

    public IReadOnlyList<string> Lines => _logger.Lines;

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose()
    {
    }
}
