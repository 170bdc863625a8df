using System.Text.Json.Nodes;

namespace QuizBot.Discord.Testing;

/// <summary>One request the fake REST server received. <see cref="Path"/> is relative to the API base (e.g. "/channels/1/messages").</summary>
public sealed partial record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body parsed as JSON, or null when it is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body))
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public bool Is(string method, string path) =>
        string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(Path, path, StringComparison.Ordinal);
}
