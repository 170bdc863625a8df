using QuizBot.Discord.Models;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// Answers that carry files. Over the gateway the callback itself is multipart; an HTTP reply can only be
/// JSON, so a message with files is deferred there and delivered by editing @original as multipart.
/// </summary>
public sealed partial class InteractionDispatcher
{
    /// <summary>Dispatches for a transport whose initial response is JSON only (the HTTP endpoint).</summary>
    public Task DispatchAsync(Interaction interaction, Func<InteractionResponse, CancellationToken, Task> sendInitial, CancellationToken cancellationToken) =>
        DispatchAsync(interaction, sendInitial, initialCarriesFiles: false, cancellationToken);

    private Task<Message> EditOriginalAsync(string token, MessagePayload message, CancellationToken cancellationToken) =>
        message.HasFiles
            ? _rest.EditOriginalResponseWithFilesAsync(token, message, cancellationToken)
            : _rest.EditOriginalResponseAsync(token, message, cancellationToken);

    private Task<Message> CreateFollowupAsync(string token, MessagePayload message, CancellationToken cancellationToken) =>
        message.HasFiles
            ? _rest.CreateFollowupMessageWithFilesAsync(token, message, cancellationToken)
            : _rest.CreateFollowupMessageAsync(token, message, cancellationToken);
}
