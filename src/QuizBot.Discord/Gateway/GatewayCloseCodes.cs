namespace QuizBot.Discord.Gateway;

/// <summary>What to do after the gateway closed the connection with a given code.</summary>
public enum CloseAction
{
    Resume,
    Reidentify,
    Stop,
}

/// <summary>Discord's gateway close codes, sorted by whether the session can go on.</summary>
public static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>Codes after which a new session is needed: resuming would fail.</summary>
    public static CloseAction ActionFor(int? closeCode) =>
        closeCode switch
        {
            AuthenticationFailed or >= 4010 and <= 4014 => CloseAction.Stop,
            InvalidSequence or SessionTimedOut => CloseAction.Reidentify,
            _ => CloseAction.Resume,
        };

    public static string Describe(int closeCode) =>
        closeCode switch
        {
            AuthenticationFailed => "Discord rejected the bot token (gateway close 4004): check Discord:Token.",
            4010 => "Discord rejected the shard settings (gateway close 4010): check Discord:ShardIds and Discord:ShardCount.",
            4011 => "Discord requires sharding for this bot (gateway close 4011): raise Discord:ShardCount.",
            4012 => "Discord rejected the gateway API version (gateway close 4012).",
            4013 => "Discord rejected the intents (gateway close 4013): check Discord:Intents.",
            4014 => "Discord refused privileged intents the app is not allowed (gateway close 4014): enable them in the developer portal or drop them from Discord:Intents.",
            _ => $"The gateway closed the connection with code {closeCode}.",
        };
}
