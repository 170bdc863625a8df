using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// One HTTP-mode bot started through <see cref="BotHost"/> as `quizbot run` starts it, on the store the given settings
/// name; several of them with one signer and one database are several instances behind a load balancer.
/// </summary>
internal sealed class SignedHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly InteractionSigner signer;
    private readonly Uri address;
    private readonly HttpClient http = new();

    private SignedHost(WebApplication app, InteractionSigner signer, Uri address)
    {
        this.app = app;
        this.signer = signer;
        this.address = address;
    }

    public IServiceProvider Services => app.Services;

    /// <summary>Where the bot takes interactions, for requests built by hand (a bad signature, an old timestamp).</summary>
    public Uri InteractionsUrl => new(address, "/interactions");

    /// <param name="storage">The Storage:* settings (a SQLite path, or the PostgreSQL provider and connection string).</param>
    public static async Task<SignedHost> StartAsync(InteractionSigner signer, params (string Key, string Value)[] storage)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "http",
            ["Discord:ApplicationId"] = "4242",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Content:Path"] = RepositoryPaths.Content,
            ["Logging:LogLevel:Default"] = "Warning",

            // Every answer here is the initial response; a loaded machine must not turn one into a deferral.
            ["Discord:DeferAfter"] = "00:01:00",
        };
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }

        var start = BotHost.Prepare([], settings);
        Assert.True(start.App is not null, start.Error);
        await start.App.StartAsync();
        var address = new Uri(start.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SignedHost(start.App, signer, address);
    }

    /// <summary>Posts the interaction signed as Discord would and returns the bot's initial response.</summary>
    public async Task<InteractionResponse> SendAsync(Interaction interaction)
    {
        var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = signer.CreateRequest(new Uri(address, "/interactions"), json, now);
        using var reply = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        return JsonSerializer.Deserialize(await reply.Content.ReadAsStringAsync(), DiscordJsonContext.Default.InteractionResponse)!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }
}
