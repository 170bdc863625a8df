using System.Text;

namespace QuizBot.Discord.Rest;

/// <summary>
/// Names a REST route the way Discord's rate limits see it: the method, the path with top-level resource ids
/// (channel, guild, webhook id and token, interaction id and token) kept and other ids collapsed.
/// </summary>
public static class RestRoute
{
    private static readonly HashSet<string> MajorParents = new(StringComparer.Ordinal) { "channels", "guilds", "webhooks", "interactions" };

    public static string Key(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('?')[0].Trim('/').Split('/');
        var key = new StringBuilder(method.Method).Append(' ');
        for (var i = 0; i < segments.Length; i++)
        {
            var keep = !IsId(segments[i])
                || (i > 0 && MajorParents.Contains(segments[i - 1]))
                || IsTokenAfterId(segments, i);
            key.Append('/').Append(keep ? segments[i] : "{id}");
        }

        return key.ToString();
    }

    /// <summary>The path with interaction and webhook tokens hidden, fit for logs and error messages.</summary>
    public static string Redact(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('?')[0].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsTokenAfterId(segments, i))
            {
                segments[i] = "{token}";
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>Routes outside the global limit and without bot authorization.</summary>
    public static bool IsInteractionOrWebhook(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimStart('/');
        return trimmed.StartsWith("interactions/", StringComparison.Ordinal) || trimmed.StartsWith("webhooks/", StringComparison.Ordinal);
    }

    private static bool IsTokenAfterId(string[] segments, int index) =>
        index >= 2
        && segments[index - 2] is "webhooks" or "interactions"
        && IsId(segments[index - 1]);

    private static bool IsId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
