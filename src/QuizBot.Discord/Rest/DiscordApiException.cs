using System.Net;

namespace QuizBot.Discord.Rest;

/// <summary>Discord refused a REST call: the HTTP status plus Discord's JSON error code and message.</summary>
public sealed class DiscordApiException : Exception
{
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

    public DiscordApiException(HttpStatusCode status, int? code, string? discordMessage, string method, string route)
        : base($"Discord answered {(int)status} to {method} {route}: {discordMessage ?? "no message"} (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).")
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
    }

    public HttpStatusCode Status { get; }

    /// <summary>Discord's JSON error code (e.g. 10062 Unknown interaction), when it sent one.</summary>
    public int? Code { get; }

    public string? DiscordMessage { get; }
}
