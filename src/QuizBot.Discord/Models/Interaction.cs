using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

/// <summary>An interaction as received over HTTP or in a gateway INTERACTION_CREATE.</summary>
public sealed record Interaction
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong ApplicationId { get; init; }
    public InteractionType Type { get; init; }

    /// <summary>Present for every type except PING; its fields depend on <see cref="Type"/>.</summary>
    public InteractionData? Data { get; init; }

    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? GuildId { get; init; }
    public Channel? Channel { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? ChannelId { get; init; }

    /// <summary>The invoker when the interaction came from a guild (with permissions).</summary>
    public GuildMember? Member { get; init; }

    /// <summary>The invoker when the interaction came from a DM.</summary>
    public User? User { get; init; }

    public string Token { get; init; } = "";
    public int Version { get; init; } = 1;

    /// <summary>For components (and modals opened from components), the message they belong to.</summary>
    public Message? Message { get; init; }

    /// <summary>Permission bitfield the app has where the interaction happened.</summary>
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? AppPermissions { get; init; }

    public string? Locale { get; init; }
    public string? GuildLocale { get; init; }
    public InteractionContextType? Context { get; init; }

    /// <summary>Whoever triggered the interaction, in a guild or in a DM.</summary>
    [JsonIgnore]
    public User? Invoker => Member?.User ?? User;
}

/// <summary>
/// The data of an interaction. Commands and autocomplete use id/name/type/options/resolved/target_id;
/// components use custom_id/component_type/values; modal submits use custom_id/components.
/// </summary>
public sealed record InteractionData
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Id { get; init; }
    public string? Name { get; init; }
    public ApplicationCommandType? Type { get; init; }
    public ResolvedData? Resolved { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? GuildId { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? TargetId { get; init; }

    public string? CustomId { get; init; }
    public ComponentType? ComponentType { get; init; }
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A modal submit's answers: text inputs in action rows, or components inside labels.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
}

/// <summary>An option the user filled in, or a subcommand (group) holding further options.</summary>
public sealed record InteractionDataOption
{
    public string Name { get; init; } = "";
    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>A string, integer, double or boolean; ids of users, channels and roles come as strings.</summary>
    public JsonElement? Value { get; init; }

    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>True on the option the user is typing in, during autocomplete.</summary>
    public bool? Focused { get; init; }

    public static InteractionDataOption String(string name, string value, bool focused = false) =>
        Leaf(name, ApplicationCommandOptionType.String, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String), focused);

    public static InteractionDataOption Integer(string name, long value, bool focused = false) =>
        Leaf(name, ApplicationCommandOptionType.Integer, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64), focused);

    public static InteractionDataOption Number(string name, double value) =>
        Leaf(name, ApplicationCommandOptionType.Number, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Double), false);

    public static InteractionDataOption Boolean(string name, bool value) =>
        Leaf(name, ApplicationCommandOptionType.Boolean, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Boolean), false);

    /// <summary>A user option: Discord sends the id as a string and the user in resolved data.</summary>
    public static InteractionDataOption User(string name, ulong userId) =>
        Leaf(name, ApplicationCommandOptionType.User, JsonSerializer.SerializeToElement(userId.ToString(CultureInfo.InvariantCulture), DiscordJsonContext.Default.String), false);

    /// <summary>A channel option: Discord sends the id as a string and the channel in resolved data.</summary>
    public static InteractionDataOption Channel(string name, ulong channelId) =>
        Leaf(name, ApplicationCommandOptionType.Channel, JsonSerializer.SerializeToElement(channelId.ToString(CultureInfo.InvariantCulture), DiscordJsonContext.Default.String), false);

    public static InteractionDataOption Subcommand(string name, params InteractionDataOption[] options) =>
        new() { Name = name, Type = ApplicationCommandOptionType.SubCommand, Options = options };

    public static InteractionDataOption SubcommandGroup(string name, params InteractionDataOption[] subcommands) =>
        new() { Name = name, Type = ApplicationCommandOptionType.SubCommandGroup, Options = subcommands };

    private static InteractionDataOption Leaf(string name, ApplicationCommandOptionType type, JsonElement value, bool focused) =>
        new() { Name = name, Type = type, Value = value, Focused = focused ? true : null };
}

/// <summary>Users, members, roles and channels referenced by the options, keyed by id.</summary>
public sealed record ResolvedData
{
    public IReadOnlyDictionary<ulong, User>? Users { get; init; }
    public IReadOnlyDictionary<ulong, GuildMember>? Members { get; init; }
    public IReadOnlyDictionary<ulong, Role>? Roles { get; init; }
    public IReadOnlyDictionary<ulong, Channel>? Channels { get; init; }
}
