namespace QuizBot.Discord;

/// <summary>Settings for talking to Discord, bound from the "Discord" configuration section.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>Bot token. Sent only to bot-authenticated REST routes and in Identify/Resume; never logged.</summary>
    public string Token { get; set; } = "";

    public ulong ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key in hex, used to verify interaction requests.</summary>
    public string PublicKey { get; set; } = "";

    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>When set, the gateway client connects here instead of asking GET /gateway/bot.</summary>
    public Uri? GatewayUrl { get; set; }

    public int Intents { get; set; }

    public int ShardId { get; set; }

    public int ShardCount { get; set; } = 1;

    public string InteractionsPath { get; set; } = "/interactions";

    /// <summary>How long a handler may take before the interaction is deferred (Discord allows 3 s).</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2.5);

    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many times a 5xx answer is retried before the REST call fails.</summary>
    public int ServerErrorRetries { get; set; } = 3;

    /// <summary>Delay before the first 5xx retry; doubled for each further retry.</summary>
    public TimeSpan ServerErrorBackoff { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How many 429 answers in a row one REST call accepts before giving up.</summary>
    public int RateLimitRetries { get; set; } = 3;

    /// <summary>The url part of the User-Agent Discord asks for: DiscordBot (url, version).</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/quizbot/quizbot";

    public string UserAgentVersion { get; set; } = "1.0";
}
