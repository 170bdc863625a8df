using QuizBot.Discord.Models;

namespace QuizBot.Interactions;

/// <summary>
/// One slash command a module registers, whether its reply is shared in the channel (a deferral follows suit), and
/// whether it is deferred at once because its reply waits on background work (a picture), not on the request.
/// </summary>
public sealed record ModuleCommand(ApplicationCommand Definition, bool RepliesInChannel = false, bool DefersAtOnce = false)
{
    public string Name => Definition.Name;
}

/// <summary>
/// What a module answers, known before it exists: the commands it registers, the custom_id areas (buttons and the
/// modals they open) it owns, and what its stale buttons say. The command catalog, the pipeline's routes and its
/// deferral visibility are all derived from these.
/// </summary>
public sealed record ModuleRoutes(IReadOnlyList<ModuleCommand> Commands, IReadOnlyList<string> Areas, string StaleMessage = Replies.Expired);

/// <summary>
/// A feature of the bot: its <see cref="ModuleRoutes"/> and the handlers the pipeline calls. Everything cross-cutting
/// (timing, errors, stale ids, shutdown) happens before a handler is called.
/// </summary>
public interface IInteractionModule
{
    ModuleRoutes Routes { get; }

    Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken);

    Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResponse.Autocomplete([]));

    /// <summary>A button press. Return null when the custom_id names nothing current (the pipeline answers with the stale message).</summary>
    Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken) =>
        Task.FromResult<InteractionResponse?>(null);

    /// <summary>A modal submit. Return null when the modal's custom_id names nothing current.</summary>
    Task<InteractionResponse?> OnModalAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken) =>
        Task.FromResult<InteractionResponse?>(null);
}

/// <summary>
/// A module whose routes are declared on its type (<see cref="Declared"/>), so the command catalog is read from the
/// registered modules without building them: `register-commands` needs no database.
/// </summary>
public interface IInteractionModule<TSelf> : IInteractionModule
    where TSelf : IInteractionModule<TSelf>
{
    static abstract ModuleRoutes Declared { get; }

    ModuleRoutes IInteractionModule.Routes => TSelf.Declared;
}
