using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// The Interactions Endpoint URL: size check, signature check on the raw bytes, then parsing, then the handler.
/// </summary>
public sealed partial class InteractionEndpoint
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    private readonly InteractionRequestVerifier _verifier;
    private readonly InteractionDispatcher _dispatcher;
    private readonly DiscordOptions _options;
    private readonly ILogger<InteractionEndpoint> _logger;

    public InteractionEndpoint(
        InteractionRequestVerifier verifier,
        InteractionDispatcher dispatcher,
        IOptions<DiscordOptions> options,
        ILogger<InteractionEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _verifier = verifier;
        _dispatcher = dispatcher;
        _options = options.Value;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var body = await ReadBodyAsync(request, _options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!_verifier.Verify(request.Headers[SignatureHeader].FirstOrDefault(), request.Headers[TimestampHeader].FirstOrDefault(), body))
        {
            LogRejected(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
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

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an interaction request with a missing or invalid signature from {RemoteAddress}")]
    private static partial void LogRejected(ILogger logger, string remoteAddress);
}
