using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuizBot.Discord.Gateway;
using QuizBot.Hosting;

namespace QuizBot.Tests.Hosting;

public sealed class OneLineConsoleFormatterTests
{
    [Fact]
    public void A_retry_after_a_network_failure_is_one_line_without_a_stack_trace()
    {
        var failure = Thrown(new HttpRequestException("Connection refused (discord.com:443)", Thrown(new System.Net.Sockets.SocketException(111))));

        var text = Format(LogLevel.Warning, "QuizBot.Discord.Gateway.DiscordGatewayClient", "GET /gateway/bot failed; retrying in 2 s", failure);

        Assert.Equal("warn: QuizBot.Discord.Gateway.DiscordGatewayClient: GET /gateway/bot failed; retrying in 2 s (HttpRequestException: Connection refused (discord.com:443))\n", text);
    }

    [Fact]
    public void An_inner_cause_that_says_more_is_added_to_the_line()
    {
        var failure = Thrown(new System.Net.WebSockets.WebSocketException("The remote party closed the WebSocket connection", Thrown(new IOException("Unable to read data: connection reset"))));

        var text = Format(LogLevel.Warning, "G", "Gateway connection failed", failure);

        Assert.Equal("warn: G: Gateway connection failed (WebSocketException: The remote party closed the WebSocket connection <- IOException: Unable to read data: connection reset)\n", text);
    }

    [Fact]
    public void A_bug_keeps_its_stack_trace()
    {
        var bug = Thrown(new InvalidOperationException("broken"));

        var text = Format(LogLevel.Error, "QuizBot.Interactions.InteractionPipeline", "Handler failed", bug);

        Assert.StartsWith("fail: QuizBot.Interactions.InteractionPipeline: Handler failed\n", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: broken", text, StringComparison.Ordinal);
        Assert.Contains(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_quizbot_run_reports_as_its_last_line_is_not_logged_as_well()
    {
        Assert.Equal(string.Empty, Format(LogLevel.Critical, "QuizBot.Discord.Gateway.DiscordGatewayClient", "Gateway stopped for good: Discord rejected the bot token", null));
        Assert.Equal(string.Empty, Format(LogLevel.Error, "Microsoft.Extensions.Hosting.Internal.Host", "BackgroundService failed", Thrown(new DiscordGatewayException(4004, "rejected"))));
        Assert.Equal(string.Empty, Format(LogLevel.Error, "Microsoft.Extensions.Hosting.Internal.Host", "Hosting failed to start", Thrown(new IOException("Failed to bind", new AddressInUseException("in use")))));
        Assert.NotEqual(string.Empty, Format(LogLevel.Critical, "QuizBot.Hosting.Other", "Something else", null));
    }

    [Fact]
    public void A_message_with_line_breaks_stays_on_one_line()
    {
        Assert.Equal("info: C: a b\n", Format(LogLevel.Information, "C", "a\nb", null));
    }

    private static string Format(LogLevel level, string category, string message, Exception? exception)
    {
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, default, message, exception, (state, _) => state);
        new OneLineConsoleFormatter().Write(entry, null, writer);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    private static T Thrown<T>(T exception)
        where T : Exception
    {
        try
        {
            throw exception;
        }
        catch (T caught)
        {
            return caught;
        }
    }
}
