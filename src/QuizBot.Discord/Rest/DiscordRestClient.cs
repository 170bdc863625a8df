using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Rest;

/// <summary>
/// Discord's REST API over HttpClient: bot authorization where it belongs, rate limits respected before
/// sending, 429 waited out and retried, 5xx retried with backoff a bounded number of times, other errors thrown.
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRestClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly RestRateLimiter _limiter;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;

    public DiscordRestClient(HttpClient http, RestRateLimiter limiter, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _limiter = limiter;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private static DiscordJsonContext Json => DiscordJsonContext.Default;

    private string App => _options.ApplicationId.ToString(CultureInfo.InvariantCulture);

    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/interactions/{Id(interactionId)}/{Token(interactionToken)}/callback", Body(response, Json.InteractionResponse), cancellationToken);

    public Task<Message> GetOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"/webhooks/{App}/{Token(interactionToken)}/messages/@original", null, Json.Message, cancellationToken);

    public Task<Message> EditOriginalResponseAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"/webhooks/{App}/{Token(interactionToken)}/messages/@original", Body(message, Json.MessagePayload), Json.Message, cancellationToken);

    public Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/webhooks/{App}/{Token(interactionToken)}/messages/@original", null, cancellationToken);

    public Task<Message> CreateFollowupMessageAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/webhooks/{App}/{Token(interactionToken)}", Body(message, Json.MessagePayload), Json.Message, cancellationToken);

    public Task<Message> EditFollowupMessageAsync(string interactionToken, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"/webhooks/{App}/{Token(interactionToken)}/messages/{Id(messageId)}", Body(message, Json.MessagePayload), Json.Message, cancellationToken);

    public Task DeleteFollowupMessageAsync(string interactionToken, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/webhooks/{App}/{Token(interactionToken)}/messages/{Id(messageId)}", null, cancellationToken);

    public Task<Message> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/channels/{Id(channelId)}/messages", Body(message, Json.MessagePayload), Json.Message, cancellationToken);

    public Task<Message> EditMessageAsync(ulong channelId, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", Body(message, Json.MessagePayload), Json.Message, cancellationToken);

    public Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", null, cancellationToken);

    public Task<Channel> CreateDmChannelAsync(ulong userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/users/@me/channels", Body(new CreateDmRequest { RecipientId = userId }, Json.CreateDmRequest), Json.Channel, cancellationToken);

    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"/applications/{App}/commands", Body(commands.ToArray(), Json.IReadOnlyListApplicationCommand), Json.IReadOnlyListApplicationCommand, cancellationToken);

    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong guildId, IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"/applications/{App}/guilds/{Id(guildId)}/commands", Body(commands.ToArray(), Json.IReadOnlyListApplicationCommand), Json.IReadOnlyListApplicationCommand, cancellationToken);

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/gateway/bot", null, Json.GatewayBot, cancellationToken);

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Token(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Uri.EscapeDataString(token);
    }

    private static byte[] Body<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, RequestBody? body, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(method, path, body, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, resultType)
                ?? throw new DiscordApiException(response.StatusCode, null, "empty answer body", method.Method, RestRoute.Redact(path));
        }
        catch (JsonException exception)
        {
            throw new DiscordApiException($"Discord's answer to {method.Method} {RestRoute.Redact(path)} was not the expected JSON.", exception);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, RequestBody? body, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(method, path, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpMethod method, string path, RequestBody? body, CancellationToken cancellationToken)
    {
        var routeKey = RestRoute.Key(method, path);
        var isWebhook = RestRoute.IsInteractionOrWebhook(path);
        var rateLimited = 0;
        var serverErrors = 0;
        while (true)
        {
            HttpResponseMessage response;
            using (await _limiter.AcquireAsync(routeKey, countsGlobally: !isWebhook, cancellationToken))
            {
                using var request = BuildRequest(method, path, body, authorize: !isWebhook);
                response = await _http.SendAsync(request, cancellationToken);
                _limiter.Observe(routeKey, response.Headers);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && ++rateLimited <= _options.RateLimitRetries)
                {
                    var wait = RetryAfter(response, error);
                    if (IsGlobal(response, error))
                    {
                        _limiter.BlockGlobally(wait);
                    }
                    else
                    {
                        _limiter.BlockBucket(routeKey, wait);
                    }

                    LogRateLimited(_logger, method.Method, RestRoute.Redact(path), wait.TotalSeconds);
                    await Task.Delay(wait, _time, cancellationToken);
                    continue;
                }

                if ((int)response.StatusCode >= 500 && serverErrors < _options.ServerErrorRetries)
                {
                    var backoff = _options.ServerErrorBackoff * Math.Pow(2, serverErrors++);
                    LogServerError(_logger, (int)response.StatusCode, method.Method, RestRoute.Redact(path), backoff.TotalSeconds);
                    await Task.Delay(backoff, _time, cancellationToken);
                    continue;
                }

                throw new DiscordApiException(response.StatusCode, error?.Code, error?.Message, method.Method, RestRoute.Redact(path));
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, RequestBody? body, bool authorize)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + path));
        request.Headers.TryAddWithoutValidation("User-Agent", $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})");
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        }

        if (body is { } content)
        {
            request.Content = new ByteArrayContent(content.Bytes);
            request.Content.Headers.ContentType = content.ContentType ?? JsonMediaType;
        }

        return request;
    }

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.DiscordErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, DiscordErrorBody? error)
    {
        var seconds = error?.RetryAfter
            ?? (double.TryParse(HeaderValue(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header) ? header : 1);
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    private static bool IsGlobal(HttpResponseMessage response, DiscordErrorBody? error) =>
        error?.Global == true
        || string.Equals(HeaderValue(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(HeaderValue(response, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Method} {Route}; retrying in {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, string route, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Status} to {Method} {Route}; retrying in {Seconds} s")]
    private static partial void LogServerError(ILogger logger, int status, string method, string route, double seconds);
}
