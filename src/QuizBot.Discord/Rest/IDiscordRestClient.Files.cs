using QuizBot.Discord.Models;

namespace QuizBot.Discord.Rest;

/// <summary>
/// The calls that carry files: the same endpoints as their JSON twins, with a multipart/form-data body of
/// <c>payload_json</c> (the JSON, naming each file in <c>attachments</c>) and one <c>files[n]</c> part per file,
/// as Discord's "Uploading Files" describes.
/// </summary>
public partial interface IDiscordRestClient
{
    /// <summary>POST /interactions/{id}/{token}/callback with the response's files (gateway mode: the callback itself can carry them).</summary>
    Task CreateInteractionResponseWithFilesAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default);

    /// <summary>PATCH /webhooks/{application}/{token}/messages/@original with files: how an HTTP-mode reply gets its picture.</summary>
    Task<Message> EditOriginalResponseWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default);

    /// <summary>POST /webhooks/{application}/{token} with files.</summary>
    Task<Message> CreateFollowupMessageWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default);
}
