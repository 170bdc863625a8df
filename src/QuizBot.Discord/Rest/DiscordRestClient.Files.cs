using System.Net.Http.Headers;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Rest;

/// <summary>The multipart twins of the interaction calls; they share the JSON calls' sending, rate limits and retries.</summary>
public sealed partial class DiscordRestClient
{
    public async Task CreateInteractionResponseWithFilesAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var files = MultipartBody.FilesOf(response.Data);
        var withAttachments = response with { Data = MultipartBody.WithAttachments(response.Data!) };
        var (body, contentType) = await MultipartBody.BuildAsync(withAttachments, Json.InteractionResponse, files, cancellationToken);
        await SendAsync(HttpMethod.Post, $"/interactions/{Id(interactionId)}/{Token(interactionToken)}/callback", new RequestBody(body, contentType), cancellationToken);
    }

    public async Task<Message> EditOriginalResponseWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
    {
        var (body, contentType) = await MessageBodyAsync(message, cancellationToken);
        return await SendAsync(HttpMethod.Patch, $"/webhooks/{App}/{Token(interactionToken)}/messages/@original", new RequestBody(body, contentType), Json.Message, cancellationToken);
    }

    public async Task<Message> CreateFollowupMessageWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
    {
        var (body, contentType) = await MessageBodyAsync(message, cancellationToken);
        return await SendAsync(HttpMethod.Post, $"/webhooks/{App}/{Token(interactionToken)}", new RequestBody(body, contentType), Json.Message, cancellationToken);
    }

    private static Task<(byte[] Body, MediaTypeHeaderValue ContentType)> MessageBodyAsync(MessagePayload message, CancellationToken cancellationToken)
    {
        var files = MultipartBody.FilesOf(message);
        return MultipartBody.BuildAsync(MultipartBody.WithAttachments(message), Json.MessagePayload, files, cancellationToken);
    }
}
