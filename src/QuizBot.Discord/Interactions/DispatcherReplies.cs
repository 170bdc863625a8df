using QuizBot.Discord.Models;

namespace QuizBot.Discord.Interactions;

/// <summary>The few answers the library gives on its own, when the handler's answer cannot be used.</summary>
internal static class DispatcherReplies
{
    public static readonly MessagePayload Failure =
        Ephemeral("Sorry, something went wrong while handling that.");

    /// <summary>A modal can only be the initial response; once deferred, the user has to ask again.</summary>
    public static readonly MessagePayload ModalTooLate =
        Ephemeral("That took too long to open. Press the button again.");

    public static readonly MessagePayload Busy =
        Ephemeral("The bot is busy right now. Try again in a moment.");

    private static readonly MessagePayload AlreadyHandledMessage =
        Ephemeral("That was already handled.");

    public static InteractionResponse AlreadyHandled(Interaction interaction) =>
        interaction.Type == InteractionType.ApplicationCommandAutocomplete
            ? InteractionResponse.Autocomplete([])
            : InteractionResponse.Message(AlreadyHandledMessage);

    public static InteractionResponse BusyResponse(Interaction interaction) =>
        interaction.Type == InteractionType.ApplicationCommandAutocomplete
            ? InteractionResponse.Autocomplete([])
            : InteractionResponse.Message(Busy);

    private static MessagePayload Ephemeral(string text) =>
        new MessagePayload { Content = text, AllowedMentions = AllowedMentions.None }.AsEphemeral();
}
