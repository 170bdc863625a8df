using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

/// <summary>
/// One message or modal component. Discord distinguishes kinds by <see cref="Type"/> and each kind uses a subset
/// of these fields; one flat record keeps unknown kinds readable and the wire shape exact. Build them with
/// <see cref="ActionRow"/>, <see cref="Button"/>, <see cref="StringSelect"/>, <see cref="TextInput"/> and
/// <see cref="Label"/>.
/// </summary>
public sealed record Component
{
    public ComponentType Type { get; init; }

    /// <summary>Optional numeric identifier Discord assigns or echoes back.</summary>
    public int? Id { get; init; }

    public string? CustomId { get; init; }

    /// <summary>A <see cref="ButtonStyle"/> for buttons, a <see cref="TextInputStyle"/> for text inputs.</summary>
    public int? Style { get; init; }

    /// <summary>Button text, a label component's text, or a legacy text input label.</summary>
    public string? Label { get; init; }

    /// <summary>A label component's description.</summary>
    public string? Description { get; init; }

    public PartialEmoji? Emoji { get; init; }
    public Uri? Url { get; init; }
    public bool? Disabled { get; init; }

    public IReadOnlyList<SelectOption>? Options { get; init; }
    public string? Placeholder { get; init; }
    public int? MinValues { get; init; }
    public int? MaxValues { get; init; }

    public bool? Required { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }

    /// <summary>A text input's pre-filled value, or what the user typed in a modal submit.</summary>
    public string? Value { get; init; }

    /// <summary>What the user picked in a select inside a modal submit.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A text display's markdown.</summary>
    public string? Content { get; init; }

    /// <summary>Children of an action row (or other layout container).</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>The single child of a label component.</summary>
    [JsonPropertyName("component")]
    public Component? Child { get; init; }
}

public sealed record PartialEmoji
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Id { get; init; }
    public string? Name { get; init; }
    public bool? Animated { get; init; }
}

public sealed record SelectOption
{
    public string Label { get; init; } = "";
    public string Value { get; init; } = "";
    public string? Description { get; init; }
    public PartialEmoji? Emoji { get; init; }
    public bool? Default { get; init; }

    public static SelectOption Of(string label, string value, string? description = null) =>
        new() { Label = label, Value = value, Description = description };
}

public static class ActionRow
{
    public const int MaxButtons = 5;

    public static Component Of(params Component[] components) =>
        new() { Type = ComponentType.ActionRow, Components = components };
}

public static class Button
{
    public const int MaxLabelLength = 80;

    public static Component Primary(string customId, string label) => Styled(ButtonStyle.Primary, customId, label);
    public static Component Secondary(string customId, string label) => Styled(ButtonStyle.Secondary, customId, label);
    public static Component Success(string customId, string label) => Styled(ButtonStyle.Success, customId, label);
    public static Component Danger(string customId, string label) => Styled(ButtonStyle.Danger, customId, label);

    /// <summary>Link buttons carry a URL and no custom_id; they send no interaction.</summary>
    public static Component Link(Uri url, string label) =>
        new() { Type = ComponentType.Button, Style = (int)ButtonStyle.Link, Url = url, Label = label };

    private static Component Styled(ButtonStyle style, string customId, string label) =>
        new() { Type = ComponentType.Button, Style = (int)style, CustomId = customId, Label = label };
}

public static class StringSelect
{
    public const int MaxOptions = 25;

    public static Component Of(
        string customId,
        IEnumerable<SelectOption> options,
        string? placeholder = null,
        int? minValues = null,
        int? maxValues = null) =>
        new()
        {
            Type = ComponentType.StringSelect,
            CustomId = customId,
            Options = options.ToArray(),
            Placeholder = placeholder,
            MinValues = minValues,
            MaxValues = maxValues,
        };
}

/// <summary>Text inputs live in modals, wrapped in a <see cref="Label"/> (or, the older way, an action row).</summary>
public static class TextInput
{
    public static Component Short(string customId, bool required = true, int? maxLength = null, string? placeholder = null) =>
        Of(TextInputStyle.Short, customId, required, maxLength, placeholder);

    public static Component Paragraph(string customId, bool required = true, int? maxLength = null, string? placeholder = null) =>
        Of(TextInputStyle.Paragraph, customId, required, maxLength, placeholder);

    private static Component Of(TextInputStyle style, string customId, bool required, int? maxLength, string? placeholder) =>
        new()
        {
            Type = ComponentType.TextInput,
            Style = (int)style,
            CustomId = customId,
            Required = required,
            MaxLength = maxLength,
            Placeholder = placeholder,
        };
}

public static class Label
{
    public const int MaxLabelLength = 45;

    public static Component Of(string label, Component child, string? description = null) =>
        new() { Type = ComponentType.Label, Label = label, Description = description, Child = child };
}

public static class TextDisplay
{
    public static Component Of(string markdown) => new() { Type = ComponentType.TextDisplay, Content = markdown };
}
