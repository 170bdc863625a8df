using QuizBot.Discord.Models;

namespace QuizBot.Discord.Rest;

/// <summary>
/// The Discord REST calls the bot makes. Failures other than rate limits and transient 5xx answers
/// surface as <see cref="DiscordApiException"/>. Interaction and webhook calls go out without the bot token.
/// </summary>
public partial interface IDiscordRestClient
{
    /// <summary>POST /interactions/{id}/{token}/callback: the initial answer to an interaction.</summary>
    Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default);

    /// <summary>GET /webhooks/{application}/{token}/messages/@original.</summary>
    Task<Message> GetOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default);

    /// <summary>PATCH /webhooks/{application}/{token}/messages/@original: also how a deferred answer is delivered.</summary>
    Task<Message> EditOriginalResponseAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default);

    Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default);

    /// <summary>POST /webhooks/{application}/{token}: a follow-up message (the token lasts 15 minutes).</summary>
    Task<Message> CreateFollowupMessageAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default);

    Task<Message> EditFollowupMessageAsync(string interactionToken, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default);

    Task DeleteFollowupMessageAsync(string interactionToken, ulong messageId, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{channel}/messages.</summary>
    Task<Message> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken = default);

    /// <summary>
    /// POST /channels/{channel}/messages with <c>nonce</c> and <c>enforce_nonce</c> (see <see cref="NoncedMessagePayload"/>):
    /// the bot's message with this nonce from the past few minutes is returned instead of a new one.
    /// </summary>
    Task<Message> CreateMessageOnceAsync(ulong channelId, NoncedMessagePayload message, CancellationToken cancellationToken = default);

    Task<Message> EditMessageAsync(ulong channelId, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default);

    Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default);

    /// <summary>POST /users/@me/channels: open (or find) the DM channel with a user.</summary>
    Task<Channel> CreateDmChannelAsync(ulong userId, CancellationToken cancellationToken = default);

    /// <summary>PUT /applications/{application}/commands: replaces every global command.</summary>
    Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary>PUT /applications/{application}/guilds/{guild}/commands: replaces a guild's commands, effective at once.</summary>
    Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong guildId, IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary>GET /gateway/bot.</summary>
    Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default);
}
