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
/// Every call has its own deadline (3 s for an interaction callback, which is worthless after that), so a slow
/// peer can never hold a caller for HttpClient's 100 s.
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRestClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly RestRateLimiter _limiter;
    private readonly DiscordApplication _application;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;

    public DiscordRestClient(HttpClient http, RestRateLimiter limiter, DiscordApplication application, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _limiter = limiter;
        _application = application;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private static DiscordJsonContext Json => DiscordJsonContext.Default;

    private string App => _application.Id is var id and not 0
        ? id.ToString(CultureInfo.InvariantCulture)
        : throw new InvalidOperationException("The application id is not known yet: set Discord:ApplicationId, or wait for the gateway's READY.");

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

    public Task<Message> CreateMessageOnceAsync(ulong channelId, NoncedMessagePayload message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/channels/{Id(channelId)}/messages", Body(message, Json.NoncedMessagePayload), Json.Message, cancellationToken);

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
        var route = RestRoute.For(method, path);
        var limit = TimeoutFor(route);
        // Network deadlines run on real time even when the app's clock is faked: a test moving the clock must not
        // cancel a request that is simply still on the wire.
        using var timeout = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await SendWithRetriesAsync(method, path, route, body, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DiscordApiException($"Discord did not answer {method.Method} {RestRoute.Redact(path)} within {limit.TotalSeconds:0.#} s.", exception);
        }
    }

    private TimeSpan TimeoutFor(RestRoute route) =>
        route.IsInteractionCallback ? _options.CallbackTimeout
        : route.IsInteractionOrWebhook ? _options.WebhookTimeout
        : _options.RequestTimeout;

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpMethod method, string path, RestRoute route, RequestBody? body, CancellationToken cancellationToken)
    {
        var rateLimited = 0;
        var serverErrors = 0;
        while (true)
        {
            // Wait for a slot, then send with nothing held: other calls on the bucket are never stuck behind this one.
            await _limiter.WaitAsync(route, cancellationToken);
            HttpResponseMessage response;
            using (var request = BuildRequest(method, path, body, authorize: !route.IsInteractionOrWebhook))
            {
                response = await _http.SendAsync(request, cancellationToken);
            }

            var headers = RateLimitHeaders.Read(response.Headers);
            _limiter.Observe(route, headers);
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
                    _limiter.OnRateLimited(route, wait, global: error?.Global == true || headers.IsGlobalLimit);
                    LogRateLimited(_logger, method.Method, RestRoute.Redact(path), headers.Scope ?? "unknown", wait.TotalSeconds);
                    continue;
                }

                if ((int)response.StatusCode >= 500 && serverErrors < _options.ServerErrorRetries)
                {
                    var backoff = _options.ServerErrorBackoff * Math.Pow(2, serverErrors++);
                    LogServerError(_logger, (int)response.StatusCode, method.Method, RestRoute.Redact(path), backoff.TotalSeconds);
                    await Task.Delay(backoff, _time, cancellationToken);
                    continue;
                }

                throw new DiscordApiException(response.StatusCode, error?.Code, error?.Message, method.Method, RestRoute.Redact(path), FieldErrors.Flatten(error?.Errors));
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

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Method} {Route} (scope {Scope}); retrying in {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, string route, string scope, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Status} to {Method} {Route}; retrying in {Seconds} s")]
    private static partial void LogServerError(ILogger logger, int status, string method, string route, double seconds);
}
