namespace QuizBot.Discord.Models;

/// <summary>
/// Checks a message against Discord's documented size limits before it is sent, so an oversized reply is
/// caught in our tests rather than refused by Discord with a 400.
/// </summary>
public static class MessageLimits
{
    public const int MaxCustomIdLength = 100;

    /// <summary>Every limit the payload breaks, in words; empty when it fits.</summary>
    public static IReadOnlyList<string> Problems(MessagePayload message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        if (message.Content is { Length: > MessagePayload.MaxContentLength } content)
        {
            problems.Add($"content has {content.Length} characters (max {MessagePayload.MaxContentLength})");
        }

        CheckEmbeds(message.Embeds ?? [], problems);
        CheckComponents(message.Components ?? [], problems);
        return problems;
    }

    private static void CheckEmbeds(IReadOnlyList<Embed> embeds, List<string> problems)
    {
        if (embeds.Count > MessagePayload.MaxEmbeds)
        {
            problems.Add($"{embeds.Count} embeds (max {MessagePayload.MaxEmbeds})");
        }

        var total = 0;
        foreach (var embed in embeds)
        {
            total += Check("embed title", embed.Title, Embed.MaxTitleLength, problems);
            total += Check("embed description", embed.Description, Embed.MaxDescriptionLength, problems);
            total += Check("embed footer", embed.Footer?.Text, Embed.MaxFooterLength, problems);
            total += Check("embed author name", embed.Author?.Name, Embed.MaxAuthorNameLength, problems);
            var fields = embed.Fields ?? [];
            if (fields.Count > Embed.MaxFields)
            {
                problems.Add($"an embed has {fields.Count} fields (max {Embed.MaxFields})");
            }

            foreach (var field in fields)
            {
                total += Check("embed field name", field.Name, Embed.MaxFieldNameLength, problems);
                total += Check("embed field value", field.Value, Embed.MaxFieldValueLength, problems);
            }
        }

        if (total > Embed.MaxTotalLength)
        {
            problems.Add($"embeds hold {total} characters in all (max {Embed.MaxTotalLength})");
        }
    }

    private static void CheckComponents(IReadOnlyList<Component> rows, List<string> problems)
    {
        if (rows.Count > MessagePayload.MaxActionRows)
        {
            problems.Add($"{rows.Count} action rows (max {MessagePayload.MaxActionRows})");
        }

        var customIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var children = row.Components ?? [];
            var buttons = children.Count(child => child.Type == ComponentType.Button);
            if (buttons > ActionRow.MaxButtons)
            {
                problems.Add($"an action row has {buttons} buttons (max {ActionRow.MaxButtons})");
            }

            foreach (var component in children.Prepend(row))
            {
                Check("button label", component.Type == ComponentType.Button ? component.Label : null, Button.MaxLabelLength, problems);
                if (component.Options is { Count: > StringSelect.MaxOptions } options)
                {
                    problems.Add($"a select has {options.Count} options (max {StringSelect.MaxOptions})");
                }

                if (component.CustomId is { } customId)
                {
                    if (customId.Length is 0 or > MaxCustomIdLength)
                    {
                        problems.Add($"custom_id '{customId}' must have 1 to {MaxCustomIdLength} characters");
                    }

                    if (!customIds.Add(customId))
                    {
                        problems.Add($"custom_id '{customId}' is used twice in one message");
                    }
                }
            }
        }
    }

    private static int Check(string what, string? text, int max, List<string> problems)
    {
        if (text is { } value && value.Length > max)
        {
            problems.Add($"{what} has {value.Length} characters (max {max})");
        }

        return text?.Length ?? 0;
    }
}
