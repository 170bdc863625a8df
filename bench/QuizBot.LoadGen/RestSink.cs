using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using QuizBot.Discord;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>
/// Stands in for Discord's REST API on loopback, for the bot under load: it takes the edits of @original that
/// deliver deferred replies (the /stats card, the leaderboard podium, any answer the bot was too slow to give at
/// once), hands each message to <see cref="DeferredReplies"/>, and answers as Discord does, so the bot finishes each
/// reply the way it would in production.
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
        // No reloading of settings files: that keeps a recursive watcher on the working folder, whose every write (the
        // bot's SQLite file, when it is there) cost the generator CPU beside the load it measures.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapMethods("/api/v10/webhooks/{application}/{token}/messages/@original", ["PATCH"], async (string token, HttpRequest request) =>
        {
            // Multipart (a message with files) puts the message in payload_json; otherwise the body is the message.
            string json;
            var withFile = false;
            if (MultipartBoundary(request) is { } boundary)
            {
                (json, withFile) = await ReadMultipartAsync(request.Body, boundary);
            }
            else if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                json = form["payload_json"].ToString();
                withFile = form.Files.Count > 0;
            }
            else
            {
                using var reader = new StreamReader(request.Body);
                json = await reader.ReadToEndAsync();
            }

            if (Parse(json) is not { } message)
            {
                replies.Stray($"PATCH @original for {token} with an unreadable message");
                return Results.BadRequest();
            }

            replies.Delivered(token, message, withFile);
            return Results.Text("""{"id":"1","channel_id":"333"}""", "application/json");
        });
        // A follow-up: the bot's "press again" after a modal could not follow its deferral. The member already counted
        // the failed press as an error; answered here so the bot's own log stays about the bot.
        app.MapPost("/api/v10/webhooks/{application}/{token}", (string token) =>
        {
            replies.FollowedUp(token);
            return Results.Text("""{"id":"2","channel_id":"333"}""", "application/json");
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

    private static string? MultipartBoundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 } boundary
            ? boundary.ToString()
            : null;

    /// <summary>
    /// A multipart message read as it streams in: payload_json as text, each file only counted, never buffered (the
    /// form reader kept every picture in memory, past 64 KB in a temporary file, which cost the generator, beside the
    /// bot it measures, more CPU per picture than it needs to know that one came).
    /// </summary>
    private static async Task<(string Json, bool WithFile)> ReadMultipartAsync(Stream body, string boundary)
    {
        var reader = new MultipartReader(boundary, body);
        string json = "";
        var withFile = false;
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition?.IsFileDisposition() == true)
            {
                withFile = true;
                await section.Body.CopyToAsync(Stream.Null);
            }
            else if (disposition is not null && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("payload_json", StringComparison.Ordinal))
            {
                using var text = new StreamReader(section.Body);
                json = await text.ReadToEndAsync();
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null);
            }
        }

        return (json, withFile);
    }

    private static MessagePayload? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DiscordJsonContext.Default.MessagePayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
