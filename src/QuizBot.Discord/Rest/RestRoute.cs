using System.Text;

namespace QuizBot.Discord.Rest;

/// <summary>
/// A REST route as Discord's rate limits see it: the <see cref="Template"/> (method and path with every id and
/// token replaced, the same for all calls of one kind) and the <see cref="Major"/> parameter that splits a bucket
/// per resource (channel, guild, webhook id + token, interaction id + token).
/// </summary>
/// <param name="IsInteractionOrWebhook">Routes outside the global limit and without bot authorization.</param>
public readonly record struct RestRoute(string Template, string Major, bool IsInteractionOrWebhook)
{
    private static readonly HashSet<string> MajorParents = new(StringComparer.Ordinal) { "channels", "guilds", "webhooks", "interactions" };

    public static RestRoute For(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('?')[0].Trim('/').Split('/');
        var template = new StringBuilder(method.Method).Append(' ');
        var major = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (IsTokenAfterId(segments, i))
            {
                template.Append("/{token}");
            }
            else
            {
                template.Append('/').Append(IsId(segment) ? "{id}" : segment);
            }
        }

        if (segments.Length >= 2 && MajorParents.Contains(segments[0]) && IsId(segments[1]))
        {
            // Webhook and interaction buckets are per id AND token: one exhausted token must not hold up the others.
            major = segments.Length >= 3 && IsTokenAfterId(segments, 2)
                ? $"{segments[0]}/{segments[1]}/{segments[2]}"
                : $"{segments[0]}/{segments[1]}";
        }

        return new RestRoute(template.ToString(), major, IsInteractionOrWebhookPath(segments));
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

    /// <summary>POST /interactions/{id}/{token}/callback: the answer Discord waits at most 3 s for.</summary>
    public bool IsInteractionCallback => Template.EndsWith("/interactions/{id}/{token}/callback", StringComparison.Ordinal);

    private static bool IsInteractionOrWebhookPath(string[] segments) =>
        segments.Length > 0 && segments[0] is "interactions" or "webhooks";

    private static bool IsTokenAfterId(string[] segments, int index) =>
        index >= 2
        && segments[index - 2] is "webhooks" or "interactions"
        && IsId(segments[index - 1]);

    private static bool IsId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
