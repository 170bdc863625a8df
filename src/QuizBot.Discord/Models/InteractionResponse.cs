using System.Text.Json.Serialization;

namespace QuizBot.Discord.Models;

/// <summary>Our answer to an interaction: the HTTP reply body, or the body of POST .../callback.</summary>
public sealed record InteractionResponse
{
    public const int MaxAutocompleteChoices = 25;
    public const int MaxModalTitleLength = 45;

    public InteractionCallbackType Type { get; init; }
    public InteractionCallbackData? Data { get; init; }

    /// <summary>
    /// A later version of this reply, ready after it is sent (e.g. with a picture drawn in the background): the
    /// dispatcher edits @original with it once the reply is out. Null, or a task that yields null, edits nothing.
    /// Never serialized.
    /// </summary>
    [JsonIgnore]
    public Task<MessagePayload?>? LaterEdit { get; init; }

    /// <summary>This reply, to be edited into <paramref name="edit"/>'s message once that is ready.</summary>
    public InteractionResponse ThenEdit(Task<MessagePayload?> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return this with { LaterEdit = edit };
    }

    public static InteractionResponse Pong() => new() { Type = InteractionCallbackType.Pong };

    /// <summary>Reply with a new message (callback type 4).</summary>
    public static InteractionResponse Message(MessagePayload message) =>
        new() { Type = InteractionCallbackType.ChannelMessageWithSource, Data = new InteractionCallbackData(message) };

    public static InteractionResponse Message(string content, bool ephemeral = false)
    {
        var message = MessagePayload.Text(content);
        return Message(ephemeral ? message.AsEphemeral() : message);
    }

    /// <summary>Edit the message the component belongs to (callback type 7).</summary>
    public static InteractionResponse Update(MessagePayload message) =>
        new() { Type = InteractionCallbackType.UpdateMessage, Data = new InteractionCallbackData(message) };

    /// <summary>Show "thinking…" now and edit the original response later (callback type 5).</summary>
    public static InteractionResponse DeferredMessage(bool ephemeral = false) =>
        new()
        {
            Type = InteractionCallbackType.DeferredChannelMessageWithSource,
            Data = ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null,
        };

    /// <summary>Acknowledge a component now and edit its message later (callback type 6).</summary>
    public static InteractionResponse DeferredUpdate() => new() { Type = InteractionCallbackType.DeferredUpdateMessage };

    public static InteractionResponse Autocomplete(IEnumerable<ApplicationCommandOptionChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = choices.ToArray();
        if (list.Length > MaxAutocompleteChoices)
        {
            throw new ArgumentException($"Discord accepts at most {MaxAutocompleteChoices} autocomplete choices, got {list.Length}.", nameof(choices));
        }

        return new() { Type = InteractionCallbackType.ApplicationCommandAutocompleteResult, Data = new InteractionCallbackData { Choices = list } };
    }

    /// <summary>Open a popup form (callback type 9): 1 to 5 top-level components, usually labels around text inputs.</summary>
    public static InteractionResponse Modal(string customId, string title, params Component[] components)
    {
        ArgumentException.ThrowIfNullOrEmpty(customId);
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentNullException.ThrowIfNull(components);
        if (title.Length > MaxModalTitleLength)
        {
            throw new ArgumentException($"A modal title holds at most {MaxModalTitleLength} characters.", nameof(title));
        }

        if (components.Length is < 1 or > 5)
        {
            throw new ArgumentException("A modal needs between 1 and 5 components.", nameof(components));
        }

        return new()
        {
            Type = InteractionCallbackType.Modal,
            Data = new InteractionCallbackData { CustomId = customId, Title = title, Components = components },
        };
    }
}

/// <summary>
/// The data of a callback: message fields for types 4 and 7 (and the ephemeral flag of 5),
/// choices for autocomplete, custom_id/title/components for a modal.
/// </summary>
public sealed record InteractionCallbackData : MessagePayload
{
    public InteractionCallbackData()
    {
    }

    public InteractionCallbackData(MessagePayload message)
        : base(message)
    {
    }

    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public string? CustomId { get; init; }
    public string? Title { get; init; }
}
