using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// The Interactions Endpoint URL, built for hostile traffic: the body is capped before it is buffered, the
/// timestamp must be recent, the Ed25519 signature must hold over the raw bytes, and only then is anything parsed.
/// Refusals stay cheap (no parsing, one aggregated log line per interval); a client that sends its body too
/// slowly or drops the connection gets 408/400 or nothing, never an unhandled-exception log.
/// </summary>
public sealed partial class InteractionEndpoint : IDisposable
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    // The PONG never changes: serialized once.
    private static readonly byte[] PongJson = JsonSerializer.SerializeToUtf8Bytes(InteractionResponse.Pong(), DiscordJsonContext.Default.InteractionResponse);

    private readonly InteractionRequestVerifier _verifier;
    private readonly InteractionDispatcher _dispatcher;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InteractionEndpoint> _logger;
    private readonly RejectionLog _rejections;

    public InteractionEndpoint(
        InteractionRequestVerifier verifier,
        InteractionDispatcher dispatcher,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<InteractionEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _verifier = verifier;
        _dispatcher = dispatcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _rejections = new RejectionLog(logger, time, _options.RejectionLogInterval);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await HandleCoreAsync(context);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own verdicts on the request: a body arriving too slowly (408), cut short (400), too large (413).
            LogBadRequest(_logger, exception.StatusCode, exception.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = exception.StatusCode;
            }
        }
        catch (Exception exception) when (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The client went away; there is nobody to answer.
            LogAborted(_logger);
        }
    }

    public void Dispose() => _rejections.Dispose();

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var timestamp = FirstValue(request.Headers, TimestampHeader);
        using var message = await SignedMessage.ReadAsync(context, timestamp, _options.MaxBodyBytes);
        if (message is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!IsRecent(timestamp))
        {
            Refuse(context, "missing or stale timestamp");
            return;
        }

        if (!_verifier.VerifySigned(FirstValue(request.Headers, SignatureHeader), message.TimestampThenBody))
        {
            Refuse(context, "missing or invalid signature");
            return;
        }

        // Discord checks the endpoint with PINGs; the answer depends on the type alone, so nothing else is built.
        if (IsPing(message.Body))
        {
            await WriteAsync(context, PongJson, context.RequestAborted);
            return;
        }

        var interaction = Parse(message.Body);
        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            await WriteAsync(context, PongJson, context.RequestAborted);
            return;
        }

        await _dispatcher.DispatchAsync(interaction, (response, token) => WriteAsync(context, response, token), context.RequestAborted);
    }

    private static string? FirstValue(IHeaderDictionary headers, string name) =>
        headers[name] is { Count: > 0 } values ? values[0] : null;

    private void Refuse(HttpContext context, string reason)
    {
        _rejections.Record(reason, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    /// <summary>Discord's timestamp is Unix seconds; one further than <see cref="DiscordOptions.SignatureMaxAge"/> from now is a replay.</summary>
    private bool IsRecent(string? timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= _options.SignatureMaxAge;
    }

    /// <summary>
    /// Whether the body is one JSON object whose top-level "type" is 1 (PING), read without building the interaction.
    /// A body that is not well-formed JSON is not a PING here; the full parse then refuses it.
    /// </summary>
    internal static bool IsPing(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var ping = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    // The last "type" wins, as it does when the interaction is deserialized.
                    ping = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var type) && type == (int)InteractionType.Ping;
                }

                reader.Skip();
            }

            // The object's end, then nothing: Read() throws on anything after it.
            return ping && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Interaction? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext context, InteractionResponse response, CancellationToken cancellationToken) =>
        WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse), cancellationToken);

    private static async Task WriteAsync(HttpContext context, byte[] json, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, cancellationToken);

        // Finish the reply now, so a deferral reaches Discord before the late answer edits it.
        await context.Response.CompleteAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kestrel refused an interaction request with {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An interaction request was aborted by the client")]
    private static partial void LogAborted(ILogger logger);
}
