using System.Globalization;
using System.Net;

namespace QuizBot.Discord.Rest;

/// <summary>
/// Discord refused a REST call: the HTTP status plus Discord's JSON error code and message, and for a 400 with
/// code 50035 (Invalid Form Body) every field error as "path: CODE (message)", also written into the message.
/// </summary>
public sealed class DiscordApiException : Exception
{
    private const int FieldErrorsInMessage = 5;

    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordApiException(HttpStatusCode status, int? code, string? discordMessage, string method, string route, IReadOnlyList<string>? fieldErrors = null)
        : base(Describe(status, code, discordMessage, method, route, fieldErrors ?? []))
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
        FieldErrors = fieldErrors ?? [];
    }

    public HttpStatusCode Status { get; }

    /// <summary>Discord's JSON error code (e.g. 10062 Unknown interaction), when it sent one.</summary>
    public int? Code { get; }

    public string? DiscordMessage { get; }

    /// <summary>Which field broke which rule, e.g. "0.options.1.name: APPLICATION_COMMAND_INVALID_NAME (Command name is invalid)".</summary>
    public IReadOnlyList<string> FieldErrors { get; } = [];

    private static string Describe(HttpStatusCode status, int? code, string? discordMessage, string method, string route, IReadOnlyList<string> fieldErrors)
    {
        var text = $"Discord answered {(int)status} to {method} {route}: {discordMessage ?? "no message"} (code {code?.ToString(CultureInfo.InvariantCulture) ?? "none"})";
        if (fieldErrors.Count == 0)
        {
            return text + ".";
        }

        var shown = string.Join("; ", fieldErrors.Take(FieldErrorsInMessage));
        var more = fieldErrors.Count > FieldErrorsInMessage ? $"; and {fieldErrors.Count - FieldErrorsInMessage} more" : "";
        return $"{text}: {shown}{more}.";
    }
}
