using System.Globalization;
using System.Text.Json.Nodes;

namespace QuizBot.Discord.Testing;

/// <summary>An answer the fake REST server gives instead of its default one.</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse Json(int status, string json, IReadOnlyDictionary<string, string>? headers = null) => new(status, json, headers);

    public static ScriptedResponse NoContent() => new(204);

    /// <summary>A 429 with retry_after in seconds (fractional), as Discord sends it.</summary>
    public static ScriptedResponse RateLimited(double retryAfterSeconds, bool global = false, string bucket = "fake-bucket")
    {
        var seconds = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Bucket"] = bucket;
            headers["X-RateLimit-Limit"] = "5";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = seconds;
        }

        var body = new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = retryAfterSeconds, ["global"] = global };
        return new(429, body.ToJsonString(), headers);
    }

    /// <summary>A Discord JSON error, e.g. Error(404, 10008, "Unknown Message").</summary>
    public static ScriptedResponse Error(int status, int code, string message) =>
        new(status, new JsonObject { ["message"] = message, ["code"] = code }.ToJsonString());

    public static ScriptedResponse ServerError(int status = 500) => new(status, "{\"message\":\"Internal Server Error\",\"code\":0}");

    /// <summary>This response plus per-bucket rate limit headers.</summary>
    public ScriptedResponse WithBucket(string bucket, int remaining, double resetAfterSeconds)
    {
        var headers = new Dictionary<string, string>(Headers ?? new Dictionary<string, string>())
        {
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = resetAfterSeconds.ToString(CultureInfo.InvariantCulture),
        };
        return this with { Headers = headers };
    }
}
