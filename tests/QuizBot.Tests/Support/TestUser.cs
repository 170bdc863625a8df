using QuizBot.Discord.Models;

namespace QuizBot.Tests.Support;

/// <summary>A Discord member (or DM user) who sends interactions, built as Discord would send them.</summary>
internal sealed class TestUser(ulong id, string name, ulong? guildId = TestUser.Guild, ulong permissions = 0)
{
    public const ulong Guild = 900_000_000_000_000_001;
    public const ulong Application = 4242;
    private static long nextId = 1_000_000_000_000_000;

    public ulong Id { get; } = id;

    public string Name { get; } = name;

    public ulong? GuildId { get; } = guildId;

    public string UserId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Interaction Command(string command, params InteractionDataOption[] options) =>
        Base(InteractionType.ApplicationCommand) with
        {
            Data = new InteractionData { Id = 77, Name = command, Type = ApplicationCommandType.ChatInput, Options = options.Length == 0 ? null : options },
        };

    public Interaction CommandWithResolvedUser(string command, InteractionDataOption option, User resolved) =>
        Base(InteractionType.ApplicationCommand) with
        {
            Data = new InteractionData
            {
                Id = 77,
                Name = command,
                Type = ApplicationCommandType.ChatInput,
                Options = [option],
                Resolved = new ResolvedData { Users = new Dictionary<ulong, User> { [resolved.Id] = resolved } },
            },
        };

    public Interaction Autocomplete(string command, params InteractionDataOption[] options) =>
        Base(InteractionType.ApplicationCommandAutocomplete) with
        {
            Data = new InteractionData { Id = 77, Name = command, Type = ApplicationCommandType.ChatInput, Options = options },
        };

    public Interaction Click(string customId) =>
        Base(InteractionType.MessageComponent) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new Message { Id = 5555, ChannelId = 333 },
        };

    public Interaction Submit(string customId, params (string InputId, string Value)[] values) =>
        Base(InteractionType.ModalSubmit) with
        {
            Data = new InteractionData
            {
                CustomId = customId,
                Components = values.Select(v => new Component
                {
                    Type = ComponentType.Label,
                    Child = new Component { Type = ComponentType.TextInput, CustomId = v.InputId, Value = v.Value },
                }).ToArray(),
            },
            Message = new Message { Id = 5555, ChannelId = 333 },
        };

    /// <summary>A fresh interaction id: Discord never reuses one, and the bot answers a repeated id without running it.</summary>
    public static ulong NewInteractionId() => (ulong)Interlocked.Increment(ref nextId);

    private Interaction Base(InteractionType type)
    {
        var interactionId = NewInteractionId();
        var user = new User { Id = Id, Username = Name.ToLowerInvariant().Replace(' ', '_'), GlobalName = Name };
        return new Interaction
        {
            Id = interactionId,
            ApplicationId = Application,
            Type = type,
            GuildId = GuildId,
            ChannelId = 333,
            Member = GuildId is null ? null : new GuildMember { User = user, Permissions = permissions },
            User = GuildId is null ? user : null,
            Token = $"interaction-token-{interactionId}",
            Version = 1,
        };
    }
}
