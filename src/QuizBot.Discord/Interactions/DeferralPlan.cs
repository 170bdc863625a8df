using QuizBot.Discord.Models;

namespace QuizBot.Discord.Interactions;

internal enum LateDeliveryKind
{
    EditOriginal,
    FollowUp,
    DeleteOriginal,
}

/// <summary>One webhook call that delivers (part of) a late answer.</summary>
internal sealed record LateDelivery(LateDeliveryKind Kind, MessagePayload? Message = null);

/// <summary>
/// How a slow interaction is deferred and how its answer arrives afterwards: pure decisions, no I/O.
/// <list type="bullet">
/// <item>A button press, or a modal submitted from a message, defers as type 6 (DEFERRED_UPDATE_MESSAGE), so
/// @original is the message the component lives on and an update edits it in place; a new message becomes a follow-up.</item>
/// <item>A command (or a modal not attached to a message) defers as type 5 "thinking", ephemeral as the handler asks;
/// the answer then replaces the thinking message, unless it is ephemeral and the thinking message is public:
/// then it goes as an ephemeral follow-up and the public placeholder is deleted, so nothing private leaks.</item>
/// <item>A modal cannot follow a deferral: the user gets an ephemeral follow-up asking to press again, never silence.</item>
/// <item>An edit of @original carries no flags but SUPPRESS_EMBEDS and IS_COMPONENTS_V2 (Discord refuses others there;
/// ephemerality was fixed by the deferral).</item>
/// </list>
/// </summary>
internal sealed class DeferralPlan
{
    private const MessageFlags EditableFlags = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
    private const MessageFlags FollowUpFlags = MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

    private DeferralPlan(InteractionResponse deferral)
    {
        Deferral = deferral;
    }

    public InteractionResponse Deferral { get; }

    private bool UpdatesMessage => Deferral.Type == InteractionCallbackType.DeferredUpdateMessage;

    private bool EphemeralThinking => Deferral.Data?.IsEphemeral == true;

    private bool NothingToDeliver => Deferral.Type == InteractionCallbackType.ApplicationCommandAutocompleteResult;

    public static DeferralPlan For(Interaction interaction, bool ephemeral)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new DeferralPlan(interaction.Type switch
        {
            InteractionType.MessageComponent => InteractionResponse.DeferredUpdate(),
            InteractionType.ModalSubmit when interaction.Message is not null => InteractionResponse.DeferredUpdate(),

            // Autocomplete cannot be deferred; an empty list at least answers in time.
            InteractionType.ApplicationCommandAutocomplete => InteractionResponse.Autocomplete([]),
            _ => InteractionResponse.DeferredMessage(ephemeral),
        });
    }

    /// <summary>
    /// For a transport whose initial response is JSON only: the plan that defers a message with files and then
    /// delivers it (files included) by editing @original, or null when <paramref name="response"/> has no files.
    /// </summary>
    public static DeferralPlan? ForFiles(InteractionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response switch
        {
            { Data: null } or { Data.HasFiles: false } => null,
            { Type: InteractionCallbackType.ChannelMessageWithSource } => new DeferralPlan(InteractionResponse.DeferredMessage(response.Data.IsEphemeral)),
            { Type: InteractionCallbackType.UpdateMessage } => new DeferralPlan(InteractionResponse.DeferredUpdate()),
            _ => null,
        };
    }

    /// <summary>The webhook calls that deliver <paramref name="response"/> (null: the handler failed).</summary>
    public IReadOnlyList<LateDelivery> Deliver(InteractionResponse? response)
    {
        if (NothingToDeliver)
        {
            return [];
        }

        if (response is null)
        {
            return Apology(DispatcherReplies.Failure);
        }

        var data = response.Data ?? new InteractionCallbackData();
        return response.Type switch
        {
            InteractionCallbackType.Modal => Apology(DispatcherReplies.ModalTooLate),
            InteractionCallbackType.ChannelMessageWithSource when UpdatesMessage => [new(LateDeliveryKind.FollowUp, ForFollowUp(data))],
            InteractionCallbackType.UpdateMessage when UpdatesMessage => [new(LateDeliveryKind.EditOriginal, ForEdit(data))],
            InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage => Replace(data),
            _ => [],
        };
    }

    /// <summary>True when the handler answered with something no webhook call can deliver (worth a log line).</summary>
    public bool Undeliverable(InteractionResponse? response) =>
        !NothingToDeliver
        && response is not null
        && response.Type is not (InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage
            or InteractionCallbackType.Modal or InteractionCallbackType.DeferredChannelMessageWithSource
            or InteractionCallbackType.DeferredUpdateMessage);

    /// <summary>What PATCH @original may carry: message fields, and only the flags Discord accepts on an edit.</summary>
    public static MessagePayload ForEdit(MessagePayload message) => Copy(message, EditableFlags);

    public static MessagePayload ForFollowUp(MessagePayload message) => Copy(message, FollowUpFlags);

    private IReadOnlyList<LateDelivery> Replace(MessagePayload message) =>
        message.IsEphemeral && !EphemeralThinking
            ? [new(LateDeliveryKind.FollowUp, ForFollowUp(message)), new(LateDeliveryKind.DeleteOriginal)]
            : [new(LateDeliveryKind.EditOriginal, ForEdit(message))];

    private IReadOnlyList<LateDelivery> Apology(MessagePayload message) =>
        UpdatesMessage ? [new(LateDeliveryKind.FollowUp, ForFollowUp(message))] : Replace(message);

    private static MessagePayload Copy(MessagePayload message, MessageFlags allowed)
    {
        var flags = (message.Flags ?? MessageFlags.None) & allowed;
        return new()
        {
            Content = message.Content,
            Embeds = message.Embeds,
            Components = message.Components,
            AllowedMentions = message.AllowedMentions,
            Attachments = message.Attachments,
            Files = message.Files,
            Flags = flags == MessageFlags.None ? null : flags,
        };
    }
}
