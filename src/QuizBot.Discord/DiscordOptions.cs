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

    /// <summary>How long a handler may take before the interaction is deferred (Discord allows 3 s). Zero defers every interaction.</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// Largest interaction request body accepted, checked before anything is buffered. Discord's interaction payloads
    /// are a few KiB (a modal with five inputs and resolved data stays far below this).
    /// </summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>A signed request whose X-Signature-Timestamp is further than this from now is refused as a replay.</summary>
    public TimeSpan SignatureMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refused requests are logged as one line per interval with their count, not one line each.</summary>
    public TimeSpan RejectionLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At shutdown, how long interactions in flight may take to be answered before they are aborted.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gateway interactions handled at once; more wait in a queue of <see cref="GatewayQueueCapacity"/>.</summary>
    public int GatewayConcurrency { get; set; } = 32;

    /// <summary>Gateway interactions that may wait; when full, the oldest waiting is answered "busy, try again".</summary>
    public int GatewayQueueCapacity { get; set; } = 256;

    /// <summary>The name the gateway's IDENTIFY reports as its browser and device (the app passes its own).</summary>
    public string ClientName { get; set; } = "QuizBot.Discord";

    /// <summary>How many times a 5xx answer is retried before the REST call fails.</summary>
    public int ServerErrorRetries { get; set; } = 3;

    /// <summary>Delay before the first 5xx retry; doubled for each further retry.</summary>
    public TimeSpan ServerErrorBackoff { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How many 429 answers in a row one REST call accepts before giving up.</summary>
    public int RateLimitRetries { get; set; } = 3;

    /// <summary>The url part of the User-Agent Discord asks for: DiscordBot (url, version).</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/quizbot/quizbot";

    public string UserAgentVersion { get; set; } = "1.0";

    /// <summary>Deadline for POST /interactions/{id}/{token}/callback: Discord drops an interaction not answered in 3 s.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Deadline for one interaction-webhook call (edit @original, follow-up), retries and rate-limit waits included.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for any other REST call, retries and rate-limit waits included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This process's share of Discord's global limit (50 requests per second per bot token, shared by every process
    /// using the token): with N instances, give each 50 / N. Interaction callbacks and webhook edits are not counted.
    /// </summary>
    public int GlobalRequestsPerSecond { get; set; } = Rest.RestRateLimiter.DiscordGlobalRequestsPerSecond;

    /// <summary>At most this many rate-limit buckets are remembered; the least recently used are forgotten first.</summary>
    public int MaxRateLimitBuckets { get; set; } = Rest.RestRateLimiter.DefaultMaxBuckets;
}
