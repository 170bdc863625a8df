using QuizBot.Discord.Models;

namespace QuizBot.Interactions;

/// <summary>
/// A feature of the bot: the slash commands it defines and answers, the custom_id areas (buttons, modals) it
/// owns, and who sees its replies. The pipeline routes to it and derives deferral visibility from it; everything
/// cross-cutting (timing, errors, stale ids) happens before it is called.
/// </summary>
public interface IInteractionModule
{
    /// <summary>Top-level command names this module answers, e.g. "quiz".</summary>
    IReadOnlyCollection<string> CommandNames { get; }

    /// <summary>custom_id areas (see <see cref="CustomIdAreas"/>) this module owns.</summary>
    IReadOnlyCollection<string> ComponentAreas => [];

    /// <summary>What a stale button or form of this module answers: what ended, and how to start again.</summary>
    string StaleMessage => Replies.QuizEnded;

    /// <summary>
    /// Whether this module's reply to the interaction is for the invoker alone. Decided before the reply exists,
    /// because an automatic deferral fixes the visibility of the final message.
    /// </summary>
    bool DeferEphemerally(Interaction interaction) => true;

    Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken);

    Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResponse.Autocomplete([]));

    /// <summary>A button press. Return null when the custom_id names nothing current (the pipeline answers with <see cref="StaleMessage"/>).</summary>
    Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken) =>
        Task.FromResult<InteractionResponse?>(null);

    /// <summary>A modal submit. Return null when the modal's custom_id names nothing current.</summary>
    Task<InteractionResponse?> OnModalAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken) =>
        Task.FromResult<InteractionResponse?>(null);
}
