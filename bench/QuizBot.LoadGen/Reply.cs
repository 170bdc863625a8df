using System.Text.Json;
using System.Text.Json.Serialization;
using QuizBot.Discord;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>
/// A reply to an interaction as a member reads it: the callback type and, of its message, only what a member looks
/// at (the text, the embeds' titles, the buttons, a modal's id). The rest of the JSON (descriptions, colours, styles,
/// footers, fields) is still read, so a reply that is not well-formed JSON is an error as before, but it is skipped
/// instead of built into objects: reading every reply into the full <see cref="InteractionResponse"/> (records with
/// constructor parameters, every text unescaped into a string) was the largest managed cost per quiz request of the
/// generator, which shares the cores with the bot it measures.
/// </summary>
internal sealed class Reply
{
    public InteractionCallbackType Type { get; set; }

    public ReplyMessage? Data { get; set; }

    /// <summary>The reply in <paramref name="json"/>; null when it is not JSON of a reply's shape.</summary>
    public static Reply? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ReplyJsonContext.Default.Reply);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A deferred reply once its edit of @original arrived: that message shown as <paramref name="type"/>. Rare (only a
    /// slow bot defers an answer), so the message simply goes through its JSON once more.
    /// </summary>
    public static Reply FromMessage(InteractionCallbackType type, MessagePayload message) =>
        new()
        {
            Type = type,
            Data = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessagePayload), ReplyJsonContext.Default.ReplyMessage),
        };
}

/// <summary>The parts of a reply's message (or modal) that a member looks at.</summary>
internal sealed class ReplyMessage
{
    private IReadOnlyList<ReplyComponent>? buttons;

    /// <summary>A modal's id (a message has none).</summary>
    public string? CustomId { get; set; }

    public string? Content { get; set; }

    public List<ReplyEmbed>? Embeds { get; set; }

    public List<ReplyComponent>? Components { get; set; }

    /// <summary>The buttons in the message's action rows, in order; found once per reply, however often a member looks.</summary>
    [JsonIgnore]
    public IReadOnlyList<ReplyComponent> Buttons => buttons ??= FindButtons(Components);

    private static List<ReplyComponent> FindButtons(List<ReplyComponent>? rows)
    {
        var found = new List<ReplyComponent>();
        foreach (var row in rows ?? [])
        {
            foreach (var component in row.Components ?? [])
            {
                if (component.Type == ComponentType.Button)
                {
                    found.Add(component);
                }
            }
        }

        return found;
    }
}

internal sealed class ReplyEmbed
{
    public string? Title { get; set; }
}

/// <summary>A component: an action row (with its <see cref="Components"/>), a button, or any other kind, read alike.</summary>
internal sealed class ReplyComponent
{
    public ComponentType Type { get; set; }

    public string? CustomId { get; set; }

    public string? Label { get; set; }

    public List<ReplyComponent>? Components { get; set; }
}

/// <summary>The generator's own source-generated JSON for replies: Discord's snake_case names, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(ReplyMessage))]
internal sealed partial class ReplyJsonContext : JsonSerializerContext;
