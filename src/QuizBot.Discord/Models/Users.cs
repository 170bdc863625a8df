using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

public sealed record User
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }
    public string Username { get; init; } = "";
    public string? Discriminator { get; init; }
    public string? GlobalName { get; init; }
    public string? Avatar { get; init; }
    public bool? Bot { get; init; }

    /// <summary>The name Discord shows: the display name when set, else the username.</summary>
    [JsonIgnore]
    public string DisplayName => GlobalName ?? Username;
}

/// <summary>A guild member; in interactions it carries the invoker's resolved permissions in the channel.</summary>
public sealed record GuildMember
{
    public User? User { get; init; }
    public string? Nick { get; init; }
    [JsonConverter(typeof(SnowflakeListConverter))]
    public IReadOnlyList<ulong>? Roles { get; init; }
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>Permission bitfield (a string on the wire).</summary>
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Permissions { get; init; }

    public bool HasPermission(ulong permission) => Permissions is { } granted && (granted & permission) == permission;
}

public sealed record Role
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }
    public string Name { get; init; } = "";
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Permissions { get; init; }
    public int? Color { get; init; }
}

/// <summary>A channel as Discord sends it in interactions, resolved data and DM creation.</summary>
public sealed record Channel
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }
    public ChannelType Type { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? GuildId { get; init; }
    public string? Name { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Permissions { get; init; }
    public IReadOnlyList<User>? Recipients { get; init; }
}

/// <summary>Permission bits the bot cares about (values from Discord's permissions table).</summary>
public static class Permissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong ManageMessages = 1UL << 13;
    public const ulong EmbedLinks = 1UL << 14;
}
