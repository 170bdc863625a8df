using QuizBot.Discord.Models;

namespace QuizBot.Tests.Support;

/// <summary>Reads what a response shows, the way a person (or an independent driver) would.</summary>
internal static class Screens
{
    public static IEnumerable<Component> Buttons(this InteractionResponse response) =>
        (response.Data?.Components ?? []).SelectMany(row => row.Components ?? []);

    public static Component Button(this InteractionResponse response, Func<string, bool> label) =>
        response.Buttons().First(b => label(b.Label ?? ""));

    public static string ButtonId(this InteractionResponse response, string labelStart) =>
        response.Button(l => l.StartsWith(labelStart, StringComparison.Ordinal)).CustomId!;

    /// <summary>Every visible text: content, embed titles, descriptions, field names and values, footers.</summary>
    public static string Text(this InteractionResponse response)
    {
        var data = response.Data;
        var parts = new List<string?> { data?.Content };
        foreach (var embed in data?.Embeds ?? [])
        {
            parts.Add(embed.Title);
            parts.Add(embed.Description);
            parts.AddRange((embed.Fields ?? []).SelectMany(f => new[] { f.Name, f.Value }));
            parts.Add(embed.Footer?.Text);
        }

        return string.Join('\n', parts.Where(p => p is not null));
    }

    public static bool IsEphemeral(this InteractionResponse response) => response.Data?.IsEphemeral == true;
}
