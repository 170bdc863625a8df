using System.Globalization;
using System.Net.Http.Headers;

namespace QuizBot.Discord.Rest;

/// <summary>The rate limit headers of one answer, read once so the limiter never sees HTTP types.</summary>
public sealed record RateLimitHeaders(string? Bucket, int? Remaining, TimeSpan? ResetAfter, string? Scope, bool Global)
{
    public static readonly RateLimitHeaders None = new(null, null, null, null, false);

    public static RateLimitHeaders Read(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var remaining = Number(headers, "X-RateLimit-Remaining");
        var resetAfter = Number(headers, "X-RateLimit-Reset-After");
        return new RateLimitHeaders(
            Header(headers, "X-RateLimit-Bucket"),
            remaining is { } r ? (int)Math.Max(0, r) : null,
            resetAfter is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null,
            Header(headers, "X-RateLimit-Scope"),
            string.Equals(Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a 429 with these headers blocks every globally limited call, not only this bucket.</summary>
    public bool IsGlobalLimit => Global || string.Equals(Scope, "global", StringComparison.OrdinalIgnoreCase);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
