using System.Net;
using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>What a reply must be: the documented callback type, and what it shows.</summary>
internal sealed record Expected(string What, InteractionCallbackType Type, Func<InteractionResponse, bool> Shows)
{
    public static readonly Expected Question = new("a question", InteractionCallbackType.ChannelMessageWithSource, r => r.IsQuestion());
    public static readonly Expected NextQuestion = new("the next question", InteractionCallbackType.UpdateMessage, r => r.IsQuestion());
    public static readonly Expected Verdict = new("a reveal with a verdict", InteractionCallbackType.UpdateMessage, r => r.IsVerdict());
    public static readonly Expected Modal = new("the answer modal", InteractionCallbackType.Modal, r => r.Data?.CustomId is not null);
    /// <summary>/stats and /leaderboard carry a picture: over HTTP the reply defers, and the message with its file edits it.</summary>
    public static readonly Expected PictureReply = new("the deferral of a reply with a picture", InteractionCallbackType.DeferredChannelMessageWithSource, _ => true);
}

/// <summary>
/// Sends one signed interaction, times it to the last byte of the reply, and records it: a latency, or an error
/// when the status is not 200 or the reply is not what <see cref="Expected"/> says.
/// </summary>
internal sealed class InteractionSender(HttpClient http, RequestSigner signer, Uri interactionsUrl, LoadStats stats, TimeProvider time)
{
    public LoadStats Stats => stats;

    /// <summary>The reply, or null after recording why it was an error.</summary>
    public async Task<InteractionResponse?> SendAsync(Interaction interaction, InteractionKind kind, Expected expected)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(interaction, DiscordJsonContext.Default.Interaction);
        using var request = signer.CreateRequest(interactionsUrl, body, time.GetUtcNow());
        var started = time.GetTimestamp();
        HttpStatusCode status;
        byte[] reply;
        try
        {
            using var response = await http.SendAsync(request);
            status = response.StatusCode;
            reply = await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            stats.RecordError(kind, null, $"{kind}: no reply ({exception.GetType().Name})");
            return null;
        }

        var latency = time.GetElapsedTime(started);
        if (status != HttpStatusCode.OK)
        {
            var hint = status == HttpStatusCode.Unauthorized ? " (signature refused: does the bot's Discord:PublicKey match the signing key?)" : "";
            stats.RecordError(kind, latency, $"{kind}: HTTP {(int)status}{hint}");
            return null;
        }

        var parsed = Parse(reply);
        if (parsed is null || parsed.Type != expected.Type || !expected.Shows(parsed))
        {
            var got = parsed is null ? "unreadable JSON" : $"type {(int)parsed.Type} \"{parsed.Glimpse()}\"";
            stats.RecordError(kind, latency, $"{kind}: expected {expected.What} (type {(int)expected.Type}), got {got}");
            return null;
        }

        stats.Record(kind, latency);
        return parsed;
    }

    private static InteractionResponse? Parse(byte[] reply)
    {
        try
        {
            return JsonSerializer.Deserialize(reply, DiscordJsonContext.Default.InteractionResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
