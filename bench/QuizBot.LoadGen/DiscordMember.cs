using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>One guild member as Discord presents them: builds the interactions their commands, clicks and modal submits send.</summary>
internal sealed class DiscordMember(ulong guildId, ulong userId, string name)
{
    public const ulong ChannelId = 333;
    private const ulong MessageId = 5555;

    // Snowflake-sized and unique within the process; the bot keys nothing on them but they must differ.
    private static long nextInteractionId = 1_300_000_000_000_000_000;

    public string UserId { get; } = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The same member object on each of this member's interactions: built once, not per request.
    private readonly GuildMember guildMember = new() { User = new User { Id = userId, Username = name.ToLowerInvariant(), GlobalName = name } };

    /// <summary>The PING Discord sends to check the endpoint: no member, no data, answered with PONG.</summary>
    private static Interaction Ping()
    {
        var id = NextId();
        return new Interaction { Id = id, ApplicationId = BotUnderTest.ApplicationId, Type = InteractionType.Ping, Token = $"loadgen-token-{id}", Version = 1 };
    }

    /// <summary>One PING, serialized once for the PING load (servers answer a PING by its type alone).</summary>
    public static byte[] PingBody { get; } = JsonSerializer.SerializeToUtf8Bytes(Ping(), DiscordJsonContext.Default.Interaction);

    public Interaction Command(string command, params InteractionDataOption[] options) =>
        Base(InteractionType.ApplicationCommand) with
        {
            Data = new InteractionData { Id = 77, Name = command, Type = ApplicationCommandType.ChatInput, Options = options.Length == 0 ? null : options },
        };

    public Interaction Click(string customId) =>
        Base(InteractionType.MessageComponent) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new Message { Id = MessageId, ChannelId = ChannelId },
        };

    /// <summary>A modal submit with one text input (inside a label, as Discord sends modals built from labels).</summary>
    public Interaction Submit(string modalId, string inputId, string value) =>
        Base(InteractionType.ModalSubmit) with
        {
            Data = new InteractionData
            {
                CustomId = modalId,
                Components =
                [
                    new Component
                    {
                        Type = ComponentType.Label,
                        Child = new Component { Type = ComponentType.TextInput, CustomId = inputId, Value = value },
                    },
                ],
            },
            Message = new Message { Id = MessageId, ChannelId = ChannelId },
        };

    private static ulong NextId() => (ulong)Interlocked.Increment(ref nextInteractionId);

    private Interaction Base(InteractionType type)
    {
        var id = NextId();
        return new Interaction
        {
            Id = id,
            ApplicationId = BotUnderTest.ApplicationId,
            Type = type,
            GuildId = guildId,
            ChannelId = ChannelId,
            Member = guildMember,
            Token = $"loadgen-token-{id}",
            Version = 1,
        };
    }
}
