using System.Globalization;
using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.ScaleOut.Tests;

/// <summary>A guild member as Discord presents them: builds the interactions their commands, clicks and modal submits send.</summary>
internal sealed class Member(ulong guildId, ulong userId, ulong channelId = Member.DefaultChannel)
{
    public const ulong Application = 4242;
    public const ulong DefaultChannel = 333;

    // Discord never reuses an interaction id; unique per test process (each test has its own database).
    private static long nextInteractionId = 1_200_000_000_000_000_000 + Random.Shared.Next(1_000_000) * 1_000_000L;

    public string UserId { get; } = userId.ToString(CultureInfo.InvariantCulture);

    public string Scope { get; } = guildId.ToString(CultureInfo.InvariantCulture);

    public Interaction Command(string command, params InteractionDataOption[] options) =>
        Base(InteractionType.ApplicationCommand) with
        {
            Data = new InteractionData { Id = 77, Name = command, Type = ApplicationCommandType.ChatInput, Options = options.Length == 0 ? null : options },
        };

    public Interaction Click(string customId) =>
        Base(InteractionType.MessageComponent) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new Message { Id = 5555, ChannelId = channelId },
        };

    public Interaction Submit(string modalId, string value) =>
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
                        Child = new Component { Type = ComponentType.TextInput, CustomId = QuizIds.AnswerInput, Value = value },
                    },
                ],
            },
            Message = new Message { Id = 5555, ChannelId = channelId },
        };

    private Interaction Base(InteractionType type)
    {
        var id = (ulong)Interlocked.Increment(ref nextInteractionId);
        var name = "member" + UserId[^4..];
        return new Interaction
        {
            Id = id,
            ApplicationId = Application,
            Type = type,
            GuildId = guildId,
            ChannelId = channelId,
            Member = new GuildMember { User = new User { Id = userId, Username = name, GlobalName = name } },
            Token = $"scaleout-token-{id.ToString(CultureInfo.InvariantCulture)}",
            Version = 1,
        };
    }
}

/// <summary>Reads a reply the way a member looks at it.</summary>
internal static class Screens
{
    public static IEnumerable<Component> Buttons(this InteractionResponse response) =>
        (response.Data?.Components ?? []).SelectMany(row => row.Components ?? []).Where(c => c.Type == ComponentType.Button && c.CustomId is not null);

    public static Component? Button(this InteractionResponse response, string label) =>
        response.Buttons().FirstOrDefault(b => b.Label == label);

    public static string Title(this InteractionResponse response) => response.Data?.Embeds?.FirstOrDefault()?.Title ?? "";

    /// <summary>Buttons answering by choice: everything on a question but Skip, Report and Type answer.</summary>
    public static IReadOnlyList<Component> ChoiceButtons(this InteractionResponse response) =>
        [.. response.Buttons().Where(b => b.Label is not (QuizQuestionView.SkipLabel or QuizQuestionView.ReportLabel or QuizQuestionView.TypeAnswerLabel))];

    public static bool IsQuestion(this InteractionResponse response) =>
        response.Button(QuizQuestionView.SkipLabel) is not null
        && (response.Button(QuizQuestionView.TypeAnswerLabel) is not null || response.ChoiceButtons().Count > 0);

    /// <summary>The reveal of a scored answer: ✅ or ❌ with the verdict.</summary>
    public static bool IsVerdict(this InteractionResponse response) =>
        response.Type == InteractionCallbackType.UpdateMessage && (response.Title().StartsWith('✅') || response.Title().StartsWith('❌'));

    public static string Glimpse(this InteractionResponse? response)
    {
        var text = (response?.Data?.Content ?? response?.Title() ?? "(none)").ReplaceLineEndings(" ");
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
