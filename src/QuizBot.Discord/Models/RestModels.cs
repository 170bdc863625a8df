using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

/// <summary>GET /gateway/bot: where to connect and how many sessions we may still start.</summary>
public sealed record GatewayBot
{
    public Uri? Url { get; init; }
    public int Shards { get; init; }
    public SessionStartLimit? SessionStartLimit { get; init; }
}

public sealed record SessionStartLimit
{
    public int Total { get; init; }
    public int Remaining { get; init; }

    /// <summary>Milliseconds until <see cref="Remaining"/> resets.</summary>
    public long ResetAfter { get; init; }

    /// <summary>Identify requests allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; init; } = 1;
}

/// <summary>The JSON body of a failed REST call.</summary>
public sealed record DiscordErrorBody
{
    public int? Code { get; init; }
    public string? Message { get; init; }

    /// <summary>A 429's wait in seconds (fractional).</summary>
    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }

    /// <summary>Per-field validation problems, as Discord nests them.</summary>
    public System.Text.Json.JsonElement? Errors { get; init; }
}

/// <summary>Body of POST /users/@me/channels.</summary>
public sealed record CreateDmRequest
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong RecipientId { get; init; }
}
