using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.LoadGen;

/// <summary>
/// Stands in for Discord's REST API on loopback, for the bot under load: it takes the edits of @original that
/// deliver deferred replies (the /stats card, the leaderboard podium), tells <see cref="DeferredReplies"/>, and
/// answers as Discord does, so the bot finishes each reply the way it would in production.
/// </summary>
internal sealed class RestSink : IAsyncDisposable
{
    private readonly WebApplication app;

    private RestSink(WebApplication app, Uri apiBaseUrl)
    {
        this.app = app;
        ApiBaseUrl = apiBaseUrl;
    }

    /// <summary>What the bot's Discord:ApiBaseUrl should be.</summary>
    public Uri ApiBaseUrl { get; }

    public static async Task<RestSink> StartAsync(DeferredReplies replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapMethods("/api/v10/webhooks/{application}/{token}/messages/@original", ["PATCH"], async (string token, HttpRequest request) =>
        {
            var withFile = request.HasFormContentType && (await request.ReadFormAsync()).Files.Count > 0;
            replies.Delivered(token, withFile);
            return Results.Text("""{"id":"1","channel_id":"333"}""", "application/json");
        });
        app.MapFallback((HttpRequest request) =>
        {
            replies.Stray($"{request.Method} {request.Path}");
            return Results.NotFound();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RestSink(app, new Uri(new Uri(address), "/api/v10"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
