using System.Text.Json;
using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

/// <summary>A command definition, as registered with PUT .../commands and returned by Discord.</summary>
public sealed record ApplicationCommand
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Id { get; init; }
    public ApplicationCommandType? Type { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? ApplicationId { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? GuildId { get; init; }
    public string Name { get; init; } = "";
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Permission bits a member needs to see the command; 0 means administrators only.</summary>
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? DefaultMemberPermissions { get; init; }

    public bool? Nsfw { get; init; }
    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; init; }
    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong? Version { get; init; }

    public static ApplicationCommand Slash(string name, string description, params ApplicationCommandOption[] options) =>
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = name,
            Description = description,
            Options = options.Length == 0 ? null : options,
        };
}

public sealed record ApplicationCommandOption
{
    public ApplicationCommandOptionType Type { get; init; }
    public string Name { get; init; } = "";
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public bool? Required { get; init; }
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    public IReadOnlyList<ChannelType>? ChannelTypes { get; init; }
    public double? MinValue { get; init; }
    public double? MaxValue { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public bool? Autocomplete { get; init; }

    public static ApplicationCommandOption String(string name, string description, bool required = false, bool autocomplete = false) =>
        new()
        {
            Type = ApplicationCommandOptionType.String,
            Name = name,
            Description = description,
            Required = required ? true : null,
            Autocomplete = autocomplete ? true : null,
        };

    public static ApplicationCommandOption Integer(string name, string description, bool required = false, long? minValue = null, long? maxValue = null) =>
        new()
        {
            Type = ApplicationCommandOptionType.Integer,
            Name = name,
            Description = description,
            Required = required ? true : null,
            MinValue = minValue,
            MaxValue = maxValue,
        };

    public static ApplicationCommandOption Boolean(string name, string description, bool required = false) =>
        new() { Type = ApplicationCommandOptionType.Boolean, Name = name, Description = description, Required = required ? true : null };

    public static ApplicationCommandOption User(string name, string description, bool required = false) =>
        new() { Type = ApplicationCommandOptionType.User, Name = name, Description = description, Required = required ? true : null };

    /// <summary>A channel picker, limited to <paramref name="channelTypes"/> (any channel when none are given).</summary>
    public static ApplicationCommandOption Channel(string name, string description, bool required = false, params ChannelType[] channelTypes) =>
        new()
        {
            Type = ApplicationCommandOptionType.Channel,
            Name = name,
            Description = description,
            Required = required ? true : null,
            ChannelTypes = channelTypes.Length == 0 ? null : channelTypes,
        };

    public static ApplicationCommandOption Subcommand(string name, string description, params ApplicationCommandOption[] options) =>
        new()
        {
            Type = ApplicationCommandOptionType.SubCommand,
            Name = name,
            Description = description,
            Options = options.Length == 0 ? null : options,
        };

    public static ApplicationCommandOption SubcommandGroup(string name, string description, params ApplicationCommandOption[] subcommands) =>
        new() { Type = ApplicationCommandOptionType.SubCommandGroup, Name = name, Description = description, Options = subcommands };

    /// <summary>A copy offering a fixed list of choices (at most 25).</summary>
    public ApplicationCommandOption WithChoices(params ApplicationCommandOptionChoice[] choices) => this with { Choices = choices };
}

/// <summary>A predefined option value, also the shape of an autocomplete suggestion.</summary>
public sealed record ApplicationCommandOptionChoice
{
    public string Name { get; init; } = "";
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>A string, integer or double.</summary>
    public JsonElement Value { get; init; }

    public static ApplicationCommandOptionChoice Of(string name, string value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String) };

    public static ApplicationCommandOptionChoice Of(string name, long value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64) };

    public static ApplicationCommandOptionChoice Of(string name, double value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Double) };
}
