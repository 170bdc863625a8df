using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.EndToEnd;

public enum Transport
{
    Http,
    Gateway,
}

/// <summary>
/// The real bot, started through <see cref="BotHost"/> exactly as `quizbot run` starts it, with a SQLite file in a
/// temp folder, talking to a fake Discord on loopback: signed HTTP interactions, or a gateway simulator plus the
/// fake REST server that receives the callbacks. <see cref="RestartAsync"/> stops it and starts a new host on the same file.
/// </summary>
internal sealed partial class RunningBot : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly InteractionSigner signer = InteractionSigner.Create();
    private readonly HttpClient http = new();
    private FakeDiscordRestServer rest = null!;
    private GatewaySimulator? gateway;
    private GatewayConnection? connection;
    private WebApplication? app;
    private Uri address = null!;
    private int sequence;

    private readonly Action<WebApplicationBuilder>? customize;
    private readonly TimeSpan deferAfter;

    private RunningBot(Transport transport, Action<WebApplicationBuilder>? customize, TimeSpan deferAfter)
    {
        Transport = transport;
        this.customize = customize;
        this.deferAfter = deferAfter;
    }

    /// <summary>The Discord options the running host reads (the same instance its dispatcher reads on every interaction).</summary>
    public DiscordOptions DiscordOptions => app!.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;

    public Transport Transport { get; }

    public string DatabasePath => folder.File("bot.db");

    public Uri HealthUrl => new(address, "/healthz");

    /// <summary>The fake Discord REST API: what the bot sent on its own (channel posts, webhook edits, follow-ups, callbacks in gateway mode).</summary>
    public FakeDiscordRestServer Rest => rest;

    /// <param name="customize">Changes to the host's services before it is built, e.g. a fake clock.</param>
    /// <param name="deferAfter">Discord:DeferAfter; zero forces every interaction through the deferred path.</param>
    public static async Task<RunningBot> StartAsync(Transport transport, Action<WebApplicationBuilder>? customize = null, TimeSpan? deferAfter = null)
    {
        var bot = new RunningBot(transport, customize, deferAfter ?? TimeSpan.FromMinutes(1));
        bot.rest = await FakeDiscordRestServer.StartAsync();
        if (transport == Transport.Gateway)
        {
            bot.gateway = await GatewaySimulator.StartAsync();
        }

        await bot.StartHostAsync();
        return bot;
    }

    public Task RestartAsync() => RestartAsync(() => { });

    /// <param name="whileStopped">What happens while no bot runs (a clock moving on, a gate opening).</param>
    public async Task RestartAsync(Action whileStopped)
    {
        ArgumentNullException.ThrowIfNull(whileStopped);
        await StopHostAsync();
        whileStopped();
        await StartHostAsync();
    }

    /// <summary>
    /// Sends one interaction as Discord would and returns what the member sees: the initial response, or over HTTP
    /// the edit of @original that completes a deferred reply (a reply with files, or a slow one).
    /// </summary>
    public async Task<InteractionResponse> SendAsync(Interaction interaction)
    {
        var response = await SendInitialAsync(interaction);
        if (Transport == Transport.Http || app!.Services.GetRequiredService<IInteractionHandler>().DefersAtOnce(interaction))
        {
            response = await DeliveredAsync(interaction, response);
            Assert.NotNull(response);
        }

        return response!;
    }

    /// <summary>Sends one interaction as Discord would and returns the bot's initial response, a deferral included.</summary>
    public async Task<InteractionResponse> SendInitialAsync(Interaction interaction)
    {
        var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
        InteractionResponse? response;
        if (Transport == Transport.Http)
        {
            // Signed at the bot's own "now", as Discord would be: the endpoint refuses timestamps far from its clock,
            // and a test may have moved that clock (a fake one) far from the wall clock.
            var now = app!.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            using var request = signer.CreateRequest(new Uri(address, "/interactions"), json, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var reply = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Equal("application/json", reply.Content.Headers.ContentType?.MediaType);
            response = JsonSerializer.Deserialize(await reply.Content.ReadAsStringAsync(), DiscordJsonContext.Default.InteractionResponse);
        }
        else
        {
            await connection!.SendInteractionAsync(JsonNode.Parse(json)!.AsObject());
            var callback = await rest.WaitForRequestAsync("POST", $"/interactions/{interaction.Id}/{interaction.Token}/callback");
            response = JsonSerializer.Deserialize(callback.JsonPayload!.ToJsonString(), DiscordJsonContext.Default.InteractionResponse);
        }

        Assert.NotNull(response);
        DiscordLimits.AssertWithin(response);
        return response;
    }

    /// <summary>An HTTP request signed with a key the bot does not know.</summary>
    public async Task<HttpStatusCode> SendForgedAsync(Interaction interaction)
    {
        using var forger = InteractionSigner.Create();
        using var request = forger.CreateRequest(new Uri(address, "/interactions"), JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction));
        using var reply = await http.SendAsync(request);
        return reply.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        await rest.DisposeAsync();
        signer.Dispose();
        http.Dispose();
        folder.Dispose();
    }

    private async Task StartHostAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Mode"] = Transport == Transport.Http ? "http" : "gateway",
            ["Discord:ApplicationId"] = TestUser.Application.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = DatabasePath,
            ["Content:Path"] = RepositoryPaths.Content,
            ["Logging:LogLevel:Default"] = "Warning",

            // These tests read each answer from the initial response; on a loaded machine a handler can pass the
            // usual 2.5 s and be deferred instead. Deferral has its own tests in QuizBot.Discord.Tests.
            ["Discord:DeferAfter"] = deferAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (gateway is not null)
        {
            settings["Discord:Token"] = "NDI0Mg.test.token-for-the-simulator";
            settings["Discord:GatewayUrl"] = gateway.Url.ToString();
        }

        var start = BotHost.Prepare([], settings, customize);
        Assert.True(start.App is not null, start.Error);
        app = start.App;
        await app.StartAsync();
        Assert.Equal(deferAfter, app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.DeferAfter);
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        if (gateway is not null)
        {
            connection = await gateway.NextConnectionAsync();
            await connection.SendHelloAsync(45_000);
            await connection.ReceiveAsync(2);
            await connection.SendReadyAsync("session-" + Interlocked.Increment(ref sequence), applicationId: settings["Discord:ApplicationId"]!);
        }
    }

    private async Task StopHostAsync()
    {
        if (app is null)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }
}
