using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Tests.Support;

/// <summary>
/// One message as members see it once Discord has applied its reply and then each change in the order the changes
/// reached it, by the rules Discord documents for an edit (Edit Webhook Message, and the UPDATE_MESSAGE callback's
/// message fields): a field the change leaves out is kept; <c>attachments</c>, when given, lists every file the
/// message keeps afterwards (a new file by its <c>files[n]</c> index, a kept one by its id); files uploaded without it
/// are appended.
/// </summary>
internal sealed class ShownMessage
{
    private readonly JsonObject fields = [];
    private readonly List<(string Id, string FileName)> attachments = [];
    private int nextAttachment;

    private ShownMessage()
    {
    }

    /// <summary>The message a reply (callback type 4) created.</summary>
    public static ShownMessage CreatedBy(InteractionResponse reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        var shown = new ShownMessage();
        shown.Apply(reply);
        return shown;
    }

    /// <summary>The last embed's footer text.</summary>
    public string? Footer => (fields["embeds"] as JsonArray)?.LastOrDefault()?["footer"]?["text"]?.GetValue<string>();

    public string? Content => fields["content"]?.GetValue<string>();

    /// <summary>The file names of the message's attachments, in order.</summary>
    public IReadOnlyList<string> Attachments => [.. attachments.Select(a => a.FileName)];

    /// <summary>The buttons' labels, each with whether it is disabled.</summary>
    public IReadOnlyList<(string Label, bool Disabled)> Buttons =>
        [.. (fields["components"] as JsonArray ?? [])
            .SelectMany(row => row?["components"] as JsonArray ?? [])
            .Select(b => (b!["label"]!.GetValue<string>(), b["disabled"]?.GetValue<bool>() == true))];

    /// <summary>A reply's message fields (type 4 creating it, or type 7 updating it), as the bot serialized them.</summary>
    public void Apply(InteractionResponse reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Assert.True(reply.Type is InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage, $"Not a message reply: {reply.Type}");
        var json = JsonNode.Parse(JsonSerializer.Serialize(reply, DiscordJsonContext.Default.InteractionResponse))!;
        Apply(json["data"] as JsonObject ?? [], []);
    }

    /// <summary>An edit of the message (PATCH), JSON or multipart with files.</summary>
    public void Apply(RecordedRequest edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        Assert.Equal("PATCH", edit.Method);
        var payload = Assert.IsType<JsonObject>(edit.JsonPayload);
        var files = edit.Parts.Where(p => p.Name != "payload_json").ToList();
        Apply(payload, files);
    }

    private void Apply(JsonObject data, IReadOnlyList<RecordedPart> files)
    {
        foreach (var (name, value) in data)
        {
            if (name is not ("attachments" or "flags" or "allowed_mentions"))
            {
                fields[name] = value?.DeepClone();
            }
        }

        var uploaded = files.ToDictionary(f => f.Name!["files[".Length..^1], f => f.FileName!, StringComparer.Ordinal);
        if (data["attachments"] is not JsonArray kept)
        {
            attachments.AddRange(uploaded.Values.Select(NewAttachment));
            return;
        }

        var after = new List<(string Id, string FileName)>();
        foreach (var entry in kept)
        {
            var id = entry!["id"]!.ToString();
            if (uploaded.TryGetValue(id, out var fileName))
            {
                after.Add(NewAttachment(fileName));
            }
            else
            {
                // Discord refuses an edit that names an attachment the message does not have.
                after.Add(attachments.Single(a => a.Id == id));
            }
        }

        attachments.Clear();
        attachments.AddRange(after);
    }

    private (string Id, string FileName) NewAttachment(string fileName) =>
        ((++nextAttachment + 1_000_000).ToString(CultureInfo.InvariantCulture), fileName);
}
