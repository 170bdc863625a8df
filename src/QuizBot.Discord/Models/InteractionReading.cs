using System.Globalization;
using System.Text.Json;

namespace QuizBot.Discord.Models;

/// <summary>
/// Reads what the user entered: command options under any subcommand group/subcommand, the focused
/// autocomplete option, and modal answers by custom_id. Missing or mistyped values read as null, and null
/// elements in a list (<c>options: [null]</c>, <c>components: [null]</c>) are skipped: nothing here throws on
/// what a request can hold.
/// </summary>
public static class InteractionReading
{
    /// <summary>The options of the innermost subcommand (or the command's own options when it has none).</summary>
    public static IReadOnlyList<InteractionDataOption> LeafOptions(this Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var options = Present(interaction.Data?.Options);
        while (options.Count == 1 && IsSubcommandLevel(options[0]))
        {
            options = Present(options[0].Options);
        }

        return options;
    }

    /// <summary>The command name with its group and subcommand, e.g. "quiz start" or "admin deck reload".</summary>
    public static string CommandPath(this Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var parts = new List<string>();
        if (interaction.Data?.Name is { } name)
        {
            parts.Add(name);
        }

        var options = Present(interaction.Data?.Options);
        while (options.Count == 1 && IsSubcommandLevel(options[0]))
        {
            parts.Add(options[0].Name ?? "");
            options = Present(options[0].Options);
        }

        return string.Join(' ', parts);
    }

    public static InteractionDataOption? GetOption(this Interaction interaction, string name) =>
        interaction.LeafOptions().FirstOrDefault(option => string.Equals(option.Name, name, StringComparison.Ordinal));

    public static string? GetString(this Interaction interaction, string name) =>
        interaction.GetOption(name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An integer option. During autocomplete Discord may send the partial input as a string, so numeric strings count.</summary>
    public static long? GetInteger(this Interaction interaction, string name) =>
        interaction.GetOption(name)?.Value switch
        {
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
            { ValueKind: JsonValueKind.String } value when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

    public static double? GetNumber(this Interaction interaction, string name) =>
        interaction.GetOption(name)?.Value switch
        {
            { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
            { ValueKind: JsonValueKind.String } value when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

    public static bool? GetBoolean(this Interaction interaction, string name) =>
        interaction.GetOption(name)?.Value switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => null,
        };

    /// <summary>The id in a user, channel, role or mentionable option.</summary>
    public static ulong? GetSnowflake(this Interaction interaction, string name) =>
        interaction.GetOption(name)?.Value switch
        {
            { ValueKind: JsonValueKind.String } value when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            { ValueKind: JsonValueKind.Number } value when value.TryGetUInt64(out var id) => id,
            _ => null,
        };

    /// <summary>The user picked in a user option, from the resolved data (a bare user with only the id if Discord sent none).</summary>
    public static User? GetUser(this Interaction interaction, string name)
    {
        if (interaction.GetSnowflake(name) is not { } id)
        {
            return null;
        }

        return interaction.Data?.Resolved?.Users is { } users && users.TryGetValue(id, out var user) ? user : new User { Id = id };
    }

    /// <summary>The channel picked in a channel option, from the resolved data (a bare channel with only the id if Discord sent none).</summary>
    public static Channel? GetChannel(this Interaction interaction, string name)
    {
        if (interaction.GetSnowflake(name) is not { } id)
        {
            return null;
        }

        return interaction.Data?.Resolved?.Channels is { } channels && channels.TryGetValue(id, out var channel) ? channel : new Channel { Id = id };
    }

    /// <summary>The option the user is typing in during autocomplete.</summary>
    public static InteractionDataOption? FocusedOption(this Interaction interaction) =>
        interaction.LeafOptions().FirstOrDefault(option => option.Focused == true);

    /// <summary>The focused option's current text (numbers rendered invariantly), or "" when nothing is typed yet.</summary>
    public static string FocusedText(this Interaction interaction) =>
        interaction.FocusedOption()?.Value switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString() ?? "",
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => "",
        };

    /// <summary>
    /// The text a user typed into a modal's text input, found inside action rows or labels. A NUL character cannot be
    /// typed in Discord and no database text column takes it, so a forged one is dropped here rather than refused later.
    /// </summary>
    public static string? GetModalValue(this Interaction interaction, string customId) =>
        FindModalComponent(interaction, customId)?.Value?.Replace("\0", "", StringComparison.Ordinal);

    /// <summary>What a user chose in a select inside a modal.</summary>
    public static IReadOnlyList<string>? GetModalValues(this Interaction interaction, string customId) =>
        FindModalComponent(interaction, customId)?.Values;

    private static Component? FindModalComponent(Interaction interaction, string customId)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return Find(interaction.Data?.Components, customId);
    }

    private static Component? Find(IReadOnlyList<Component>? components, string customId)
    {
        foreach (var component in components ?? [])
        {
            if (component is null)
            {
                continue;
            }

            if (string.Equals(component.CustomId, customId, StringComparison.Ordinal))
            {
                return component;
            }

            var inside = component.Child is { } child ? Find([child], customId) : Find(component.Components, customId);
            if (inside is not null)
            {
                return inside;
            }
        }

        return null;
    }

    /// <summary>The list without its null elements (JSON allows them; nullable annotations do not stop them).</summary>
    private static List<InteractionDataOption> Present(IReadOnlyList<InteractionDataOption?>? options) =>
        options is null ? [] : options.OfType<InteractionDataOption>().ToList();

    private static bool IsSubcommandLevel(InteractionDataOption option) =>
        option.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup;
}
