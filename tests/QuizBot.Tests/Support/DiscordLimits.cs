using QuizBot.Discord.Models;

namespace QuizBot.Tests.Support;

/// <summary>Discord's documented message, embed, component and modal limits, checked the way Discord would refuse them.</summary>
internal static class DiscordLimits
{
    public static void AssertWithin(InteractionResponse response)
    {
        var problems = Check(response);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public static void AssertWithin(MessagePayload message)
    {
        var problems = Check(message);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public static List<string> Check(InteractionResponse response)
    {
        var problems = new List<string>();
        if (response.Type == InteractionCallbackType.Modal)
        {
            var data = response.Data!;
            Expect(problems, data.Title is { Length: > 0 and <= 45 }, $"modal title '{data.Title}' must be 1-45 characters");
            Expect(problems, data.CustomId is { Length: > 0 and <= 100 }, "modal custom_id must be 1-100 characters");
            Expect(problems, data.Components is { Count: > 0 and <= 5 }, "a modal has 1-5 components");
            foreach (var label in data.Components?.Where(c => c.Type == ComponentType.Label) ?? [])
            {
                Expect(problems, label.Label is { Length: > 0 and <= 45 }, $"modal label '{label.Label}' must be 1-45 characters");
            }

            return problems;
        }

        if (response.Type == InteractionCallbackType.ApplicationCommandAutocompleteResult)
        {
            Expect(problems, response.Data?.Choices is { Count: <= 25 }, "autocomplete returns at most 25 choices");
            foreach (var choice in response.Data?.Choices ?? [])
            {
                Expect(problems, choice.Name.Length is > 0 and <= 100, $"choice name '{choice.Name}' must be 1-100 characters");
            }

            return problems;
        }

        return response.Data is null ? problems : Check(response.Data);
    }

    public static List<string> Check(MessagePayload message)
    {
        var problems = new List<string>();
        Expect(problems, (message.Content?.Length ?? 0) <= 2000, $"content is {message.Content?.Length} characters (max 2000)");
        var embeds = message.Embeds ?? [];
        Expect(problems, embeds.Count <= 10, "at most 10 embeds");
        var total = 0;
        foreach (var embed in embeds)
        {
            Expect(problems, (embed.Title?.Length ?? 0) <= 256, $"embed title is {embed.Title?.Length} characters (max 256)");
            Expect(problems, (embed.Description?.Length ?? 0) <= 4096, $"embed description is {embed.Description?.Length} characters (max 4096)");
            Expect(problems, (embed.Fields?.Count ?? 0) <= 25, "at most 25 fields");
            Expect(problems, (embed.Footer?.Text.Length ?? 0) <= 2048, "footer at most 2048 characters");
            Expect(problems, (embed.Author?.Name.Length ?? 0) <= 256, "author name at most 256 characters");
            foreach (var field in embed.Fields ?? [])
            {
                Expect(problems, field.Name.Length is > 0 and <= 256, $"field name '{field.Name}' must be 1-256 characters");
                Expect(problems, field.Value.Length is > 0 and <= 1024, $"field '{field.Name}' value is {field.Value.Length} characters (1-1024)");
                total += field.Name.Length + field.Value.Length;
            }

            total += (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0) + (embed.Author?.Name.Length ?? 0);
        }

        Expect(problems, total <= 6000, $"embeds hold {total} characters together (max 6000)");
        var rows = message.Components ?? [];
        Expect(problems, rows.Count <= 5, $"{rows.Count} action rows (max 5)");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Expect(problems, row.Type == ComponentType.ActionRow, "top-level components are action rows");
            var children = row.Components ?? [];
            Expect(problems, children.Count is > 0 and <= 5, $"an action row holds 1-5 buttons, not {children.Count}");
            foreach (var button in children)
            {
                Expect(problems, (button.Label?.Length ?? 0) <= 80, $"button label '{button.Label}' is longer than 80");
                if (button.Style == (int)ButtonStyle.Link)
                {
                    Expect(problems, button.Url is not null && button.CustomId is null, "a link button has a url and no custom_id");
                    continue;
                }

                Expect(problems, button.CustomId is { Length: > 0 and <= 100 }, $"custom_id '{button.CustomId}' must be 1-100 characters");
                Expect(problems, button.CustomId is null || ids.Add(button.CustomId), $"custom_id '{button.CustomId}' is not unique in the message");
            }
        }

        return problems;
    }

    private static void Expect(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }
}
