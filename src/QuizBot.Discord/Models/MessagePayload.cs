using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

/// <summary>
/// The body of a message we send: a channel message, an interaction reply, a follow-up or an edit.
/// Null fields are left out of the JSON, so an edit changes only what is set.
/// </summary>
public partial record MessagePayload
{
    public const int MaxContentLength = 2000;
    public const int MaxEmbeds = 10;
    public const int MaxActionRows = 5;

    public string? Content { get; init; }
    public bool? Tts { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public MessageFlags? Flags { get; init; }
    public AllowedMentions? AllowedMentions { get; init; }

    public static MessagePayload Text(string content) => new() { Content = content };

    public static MessagePayload WithEmbed(Embed embed, string? content = null) =>
        new() { Content = content, Embeds = [embed] };

    /// <summary>A copy only the invoking user can see (for interaction replies and follow-ups).</summary>
    public MessagePayload AsEphemeral() => this with { Flags = (Flags ?? MessageFlags.None) | MessageFlags.Ephemeral };

    [JsonIgnore]
    public bool IsEphemeral => Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral);
}

public sealed record Embed
{
    public const int MaxTitleLength = 256;
    public const int MaxDescriptionLength = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldNameLength = 256;
    public const int MaxFieldValueLength = 1024;
    public const int MaxFooterLength = 2048;
    public const int MaxAuthorNameLength = 256;
    public const int MaxTotalLength = 6000;

    public string? Title { get; init; }
    public string? Type { get; init; }
    public string? Description { get; init; }
    public Uri? Url { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public int? Color { get; init; }
    public EmbedFooter? Footer { get; init; }
    public EmbedMedia? Image { get; init; }
    public EmbedMedia? Thumbnail { get; init; }
    public EmbedAuthor? Author { get; init; }
    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

public sealed record EmbedFooter
{
    public string Text { get; init; } = "";
    public Uri? IconUrl { get; init; }
}

public sealed record EmbedMedia
{
    public Uri? Url { get; init; }
    public int? Height { get; init; }
    public int? Width { get; init; }
}

public sealed record EmbedAuthor
{
    public string Name { get; init; } = "";
    public Uri? Url { get; init; }
    public Uri? IconUrl { get; init; }
}

public sealed record EmbedField
{
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";
    public bool? Inline { get; init; }

    public static EmbedField Of(string name, string value, bool inline = false) =>
        new() { Name = name, Value = value, Inline = inline ? true : null };
}

/// <summary>Which mentions in the content actually ping. Use <see cref="None"/> when echoing user text.</summary>
public sealed record AllowedMentions
{
    /// <summary>Mention kinds to parse: "roles", "users", "everyone". Empty means none.</summary>
    public IReadOnlyList<string>? Parse { get; init; }
    [JsonConverter(typeof(SnowflakeListConverter))]
    public IReadOnlyList<ulong>? Roles { get; init; }
    [JsonConverter(typeof(SnowflakeListConverter))]
    public IReadOnlyList<ulong>? Users { get; init; }
    public bool? RepliedUser { get; init; }

    public static AllowedMentions None { get; } = new() { Parse = [] };

    public static AllowedMentions OnlyUsers(params ulong[] userIds) => new() { Parse = [], Users = userIds };
}

/// <summary>A message as Discord returns it.</summary>
public sealed record Message
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong ChannelId { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? GuildId { get; init; }
    public User? Author { get; init; }
    public string? Content { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? EditedTimestamp { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public MessageFlags? Flags { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? WebhookId { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? ApplicationId { get; init; }
}

/// <summary>
/// A channel message (POST /channels/{channel}/messages) sent with a <c>nonce</c> and <c>enforce_nonce</c>: when the same
/// author created a message with this nonce in the past few minutes, Discord returns that message instead of creating
/// another, so a post that is repeated (a retry, or a second instance taking over mid-post) shows once. Only Create
/// Message takes these fields; webhooks and interaction follow-ups do not.
/// </summary>
public sealed record NoncedMessagePayload : MessagePayload
{
    /// <summary>Discord's limit on a nonce's length.</summary>
    public const int MaxNonceLength = 25;

    public NoncedMessagePayload(MessagePayload message, string nonce)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (nonce.Length > MaxNonceLength)
        {
            throw new ArgumentException($"A message nonce is at most {MaxNonceLength} characters; got {nonce.Length}.", nameof(nonce));
        }

        Nonce = nonce;
    }

    public string Nonce { get; }

    public bool EnforceNonce => true;
}
