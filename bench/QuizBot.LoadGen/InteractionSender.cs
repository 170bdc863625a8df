using System.Net;
using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.LoadGen;

/// <summary>What a reply must be: the documented callback type, and what it shows.</summary>
internal sealed record Expected(string What, Func<Reply, bool> Matches)
{
    public static readonly Expected Pong = Of("PONG", InteractionCallbackType.Pong, _ => true);
    public static readonly Expected Question = Of("a question", InteractionCallbackType.ChannelMessageWithSource, r => r.IsQuestion());

    /// <summary>/quiz after an error: the member's quiz may still be open, and the bot offers to resume it.</summary>
    public static readonly Expected QuestionOrResume = Of(
        "a question, or the offer to resume the open quiz", InteractionCallbackType.ChannelMessageWithSource, r => r.IsQuestion() || r.Button(QuizStartView.ResumeLabel) is not null);
    public static readonly Expected NextQuestion = Of("the next question", InteractionCallbackType.UpdateMessage, r => r.IsQuestion());
    /// <summary>An answer's reply: its verdict and, below it, the next question or the quiz's summary.</summary>
    public static readonly Expected Verdict = Of(
        "a reveal with a verdict and the next question or the summary", InteractionCallbackType.UpdateMessage, r => r.IsVerdict() && (r.IsQuestion() || r.IsSummary()));
    public static readonly Expected Modal = Of("the answer modal", InteractionCallbackType.Modal, r => r.Data?.CustomId is not null);
    public static readonly Expected CardFront = Of("a flashcard or the end of study", InteractionCallbackType.ChannelMessageWithSource, r => r.IsCardFront() || r.IsStudyDone());
    public static readonly Expected CardBack = Of("the back of the card with ratings", InteractionCallbackType.UpdateMessage, r => r.RatingButtons().Count > 0);
    public static readonly Expected AfterRating = Of("the next card or the end of study", InteractionCallbackType.UpdateMessage, r => r.IsCardFront() || r.IsStudyDone());

    /// <summary>
    /// /stats and /leaderboard carry a picture: the bot answers with their text at once (type 4), or (older builds)
    /// defers them (type 5); either way an edit of @original adds the picture once drawn.
    /// </summary>
    public static readonly Expected PictureReply = new(
        "a deferral (type 5) or a message (type 4)",
        r => r.Type == InteractionCallbackType.DeferredChannelMessageWithSource
            || (r.Type == InteractionCallbackType.ChannelMessageWithSource && r.Data?.Embeds is { Count: > 0 }));

    private static Expected Of(string what, InteractionCallbackType type, Func<Reply, bool> shows) =>
        new($"{what} (type {(int)type})", r => r.Type == type && shows(r));
}

/// <summary>
/// Sends one signed interaction to one of the bot's endpoints, times it to the last byte of the reply, and records
/// it: a latency, or an error when the status is not 200 or the reply is not what <see cref="Expected"/> says.
/// </summary>
internal sealed class InteractionSender(LoadHttpClient http, RequestSigner signer, UrlPicker urls, LoadStats stats, TimeProvider time, DeferredReplies? deferred)
{
    /// <summary>How long a deferred answer may take to arrive: Discord keeps an interaction token 15 minutes; a load run has less patience.</summary>
    public static readonly TimeSpan DeliveryPatience = TimeSpan.FromSeconds(30);

    public LoadStats Stats => stats;

    public TimeProvider Time => time;

    /// <summary>
    /// The reply, or null after recording why it was an error. With <paramref name="intendedAt"/> (an open-loop
    /// arrival) the latency counts from when the request should have left, so a late send is not hidden.
    /// </summary>
    public Task<Reply?> SendAsync(Interaction interaction, InteractionKind kind, Expected expected, long? intendedAt = null) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(interaction, DiscordJsonContext.Default.Interaction), interaction.Token, kind, expected, intendedAt);

    /// <summary>A PING already serialized (<see cref="DiscordMember.PingBody"/>): never deferred, so no token to follow.</summary>
    public Task<Reply?> SendAsync(byte[] ping, InteractionKind kind, Expected expected, long? intendedAt = null) =>
        SendAsync(ping, "", kind, expected, intendedAt);

    private async Task<Reply?> SendAsync(byte[] body, string token, InteractionKind kind, Expected expected, long? intendedAt)
    {
        var started = intendedAt ?? time.GetTimestamp();
        var url = urls.Next();
        HttpStatusCode status;
        byte[] reply;
        try
        {
            (status, reply) = await http.PostAsync(url, signer.SignedAt(body, time.GetUtcNow()));
        }
        catch (HttpRequestException exception)
        {
            stats.RecordError(kind, null, $"{kind}: no reply from {url} ({exception.InnerException?.GetType().Name ?? exception.GetType().Name})");
            return null;
        }

        var latency = time.GetElapsedTime(started);
        if (status != HttpStatusCode.OK)
        {
            var hint = status == HttpStatusCode.Unauthorized ? " (signature refused: does the bot's Discord:PublicKey match the signing key?)" : "";
            stats.RecordError(kind, latency, $"{kind}: HTTP {(int)status}{hint}");
            return null;
        }

        var parsed = Reply.Parse(reply);
        if (parsed is null || !(expected.Matches(parsed) || IsDeferral(parsed, expected)))
        {
            var got = parsed is null ? "unreadable JSON" : $"type {(int)parsed.Type} \"{parsed.Glimpse()}\"";
            stats.RecordError(kind, latency, $"{kind}: expected {expected.What}, got {got}");
            return null;
        }

        if (expected == Expected.PictureReply)
        {
            if (parsed.Type is InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.ChannelMessageWithSource && deferred is not null)
            {
                // The text (or the deferral) is what the member sees first; the picture's edit is timed apart.
                deferred.Expect(token, withFile: true);
                _ = TimeDeliveryAsync(deferred, token, started);
            }
        }
        else if (parsed.Type is InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.DeferredUpdateMessage && deferred is not null)
        {
            // The bot was slow and deferred: the member sees the answer when the edit of @original arrives, and so
            // does the latency.
            deferred.Expect(token, withFile: false);
            var message = await deferred.DeliveryAsync(token, DeliveryPatience, time);
            latency = time.GetElapsedTime(started);
            stats.CountDeferred();
            if (message is null)
            {
                stats.RecordError(kind, latency, $"{kind}: deferred, and no edit of @original within {DeliveryPatience.TotalSeconds:0} s");
                return null;
            }

            parsed = Reply.FromMessage(
                parsed.Type == InteractionCallbackType.DeferredUpdateMessage ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource,
                message);
            if (!expected.Matches(parsed))
            {
                stats.RecordError(kind, latency, $"{kind}: expected {expected.What}, the deferred edit showed \"{parsed.Glimpse()}\"");
                return null;
            }
        }

        stats.Record(kind, latency);
        return parsed;
    }

    /// <summary>Times a picture reply to its delivery; the member does not wait for it, the report shows it.</summary>
    private async Task TimeDeliveryAsync(DeferredReplies replies, string token, long started)
    {
        if (await replies.DeliveryAsync(token, DeliveryPatience, time) is not null)
        {
            stats.RecordPictureDelivery(time.GetElapsedTime(started));
        }
    }

    // A slow answer defers (type 5 for a command, 6 for a button or a modal on a message) and edits @original later;
    // followed through the REST sink, it is a right answer delivered late, not an error.
    private bool IsDeferral(Reply reply, Expected expected) =>
        deferred is not null && expected != Expected.PictureReply && expected != Expected.Modal && expected != Expected.Pong
        && reply.Type is InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.DeferredUpdateMessage;
}
