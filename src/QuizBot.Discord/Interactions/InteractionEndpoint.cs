using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
        var body = await ReadBodyAsync(context, _options.MaxBodyBytes);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var timestamp = request.Headers[TimestampHeader].FirstOrDefault();
        if (!IsRecent(timestamp))
        {
            Refuse(context, "missing or stale timestamp");
            return;
        }

        if (!_verifier.Verify(request.Headers[SignatureHeader].FirstOrDefault(), timestamp, body))
        {
            Refuse(context, "missing or invalid signature");
            return;
        }

        var interaction = Parse(body);
        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            await WriteAsync(context, InteractionResponse.Pong(), context.RequestAborted);
            return;
        }

        await _dispatcher.DispatchAsync(interaction, (response, token) => WriteAsync(context, response, token), context.RequestAborted);
    }

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

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger. Nothing bigger is ever buffered.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            // Kestrel then stops a chunked body at the limit too.
            sizeLimit.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Interaction? Parse(byte[] body)
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

    private static async Task WriteAsync(HttpContext context, InteractionResponse response, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken);

        // Finish the reply now, so a deferral reaches Discord before the late answer edits it.
        await context.Response.CompleteAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kestrel refused an interaction request with {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An interaction request was aborted by the client")]
    private static partial void LogAborted(ILogger logger);
}
