namespace QuizBot.Discord.Gateway;

/// <summary>The gateway refused the bot for a reason reconnecting cannot fix (bad token, bad shard, bad intents...).</summary>
public sealed class DiscordGatewayException : Exception
{
    public DiscordGatewayException()
    {
    }

    public DiscordGatewayException(string message)
        : base(message)
    {
    }

    public DiscordGatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordGatewayException(int closeCode, string message)
        : base(message)
    {
        CloseCode = closeCode;
    }

    /// <summary>The WebSocket close code Discord sent, when the refusal came as one.</summary>
    public int? CloseCode { get; }
}
