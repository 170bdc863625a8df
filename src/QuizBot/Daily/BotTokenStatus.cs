namespace QuizBot.Daily;

/// <summary>
/// Whether the bot runs with its bot token. Replies to interactions need none, but a message of the bot's own
/// (the question of the day) does; in HTTP mode the token is optional.
/// </summary>
public sealed record BotTokenStatus(bool IsSet);
