using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Rest;

namespace QuizBot.Hosting;

/// <summary>
/// The bot's console log: one line per entry ("warn: Category: message"). A failure that is part of running a
/// network service (Discord unreachable, a dropped socket, a timeout) is summed up on the same line with its type
/// and message, never a stack trace; any other exception is a bug and keeps its full stack trace. Failures that
/// `quizbot run` reports itself as its last line (Discord refusing the bot, a port in use) are not logged twice.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "quizbot";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? string.Empty;
        if (IsReportedOnExit(logEntry.Category, logEntry.LogLevel, logEntry.Exception))
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } exception)
        {
            if (IsOperational(exception))
            {
                textWriter.Write($" ({Summary(exception)})");
            }
            else
            {
                textWriter.Write(Environment.NewLine);
                textWriter.Write(exception.ToString());
            }
        }

        textWriter.Write(Environment.NewLine);
    }

    /// <summary>Entries `quizbot run` prints itself as its one last line, so they are not logged as well.</summary>
    public static bool IsReportedOnExit(string category, LogLevel level, Exception? exception) =>
        Chain(exception).Any(e => e is DiscordGatewayException or AddressInUseException)
        || (level == LogLevel.Critical && category == typeof(DiscordGatewayClient).FullName);

    /// <summary>Failures of the network around the bot, which it retries or reports: worth a line, not a stack trace.</summary>
    public static bool IsOperational(Exception exception) =>
        Chain(exception).Any(e => e is HttpRequestException or WebSocketException or SocketException or IOException
            or TimeoutException or OperationCanceledException or DiscordApiException or DiscordGatewayException);

    /// <summary>"HttpRequestException: Connection refused (127.0.0.1:1)", with the innermost cause when it says more.</summary>
    public static string Summary(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = Chain(exception).Last();
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return innermost == exception || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? text
            : $"{text} <- {innermost.GetType().Name}: {innermost.Message}";
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
