using System.Text.Json;

namespace QuizBot.Discord.Rest;

/// <summary>Flattens the nested "errors" object of a 50035 answer into one "path: CODE (message)" line per problem.</summary>
internal static class FieldErrors
{
    public static IReadOnlyList<string> Flatten(JsonElement? errors)
    {
        var found = new List<string>();
        if (errors is { ValueKind: JsonValueKind.Object } root)
        {
            Walk(root, "", found);
        }

        return found;
    }

    private static void Walk(JsonElement node, string path, List<string> found)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("_errors") && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                {
                    found.Add($"{(path.Length == 0 ? "(body)" : path)}: {Text(error, "code") ?? "?"} ({Text(error, "message") ?? "no message"})");
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", found);
            }
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
