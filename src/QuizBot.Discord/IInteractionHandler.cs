using QuizBot.Discord.Models;

namespace QuizBot.Discord;

/// <summary>
/// The application's answer to interactions, whether they arrive over HTTP or the gateway.
/// If it takes longer than <see cref="DiscordOptions.DeferAfter"/>, the library defers the interaction and
/// delivers the eventual message by editing the original response.
/// </summary>
public interface IInteractionHandler
{
    Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken);

    /// <summary>
    /// Whether an automatic deferral of this interaction should be ephemeral (only the invoker sees it).
    /// Decided before the handler finishes, because the deferral fixes the visibility of the final message.
    /// </summary>
    bool DeferEphemerally(Interaction interaction) => false;

    /// <summary>
    /// Whether this interaction is deferred as soon as it arrives, without waiting for the handler: for replies that
    /// wait on background work (a picture drawn on a queue), so the request itself never waits for that work.
    /// </summary>
    bool DefersAtOnce(Interaction interaction) => false;
}
