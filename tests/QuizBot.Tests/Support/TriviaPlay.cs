using Moq;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Tests.Support;

/// <summary>One call the bot made to an interaction webhook: which one, for which message, with what.</summary>
internal sealed record WebhookCall(string Kind, string Token, ulong? MessageId, MessagePayload Payload)
{
    public const string EditOriginal = "edit @original";
    public const string Followup = "follow-up";
    public const string EditFollowup = "edit follow-up";

    public InteractionResponse AsScreen() => InteractionResponse.Message(Payload);
}

/// <summary>
/// Sets up a strict <see cref="IDiscordRestClient"/> mock to accept the interaction webhook calls a trivia game
/// makes, recording them in order and giving follow-ups fresh message ids. Every payload is checked against
/// Discord's limits as it is sent.
/// </summary>
internal sealed class TriviaWebhook
{
    private readonly List<WebhookCall> calls = [];
    private ulong nextMessageId = 7_000;

    public TriviaWebhook(Mock<IDiscordRestClient> rest)
    {
        rest.Setup(r => r.EditOriginalResponseAsync(It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string token, MessagePayload payload, CancellationToken _) => Record(WebhookCall.EditOriginal, token, null, payload, 1));
        rest.Setup(r => r.EditFollowupMessageAsync(It.IsAny<string>(), It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string token, ulong id, MessagePayload payload, CancellationToken _) => Record(WebhookCall.EditFollowup, token, id, payload, id));
        rest.Setup(r => r.CreateFollowupMessageAsync(It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string token, MessagePayload payload, CancellationToken _) =>
            {
                if (FailFollowups)
                {
                    throw new HttpRequestException("Discord is unreachable");
                }

                return Record(WebhookCall.Followup, token, null, payload, Interlocked.Increment(ref nextMessageId));
            });
    }

    /// <summary>When set, posting a follow-up fails as a network error would.</summary>
    public bool FailFollowups { get; set; }

    public IReadOnlyList<WebhookCall> Calls
    {
        get
        {
            lock (calls)
            {
                return [.. calls];
            }
        }
    }

    private Message Record(string kind, string token, ulong? messageId, MessagePayload payload, ulong returnedId)
    {
        DiscordLimits.AssertWithin(payload);
        lock (calls)
        {
            calls.Add(new WebhookCall(kind, token, messageId, payload));
        }

        return new Message { Id = returnedId, Embeds = payload.Embeds, Components = payload.Components };
    }
}

/// <summary>Reads a trivia question screen like a player: which question it is, and which button is right or wrong.</summary>
internal static class TriviaScreen
{
    public static Question QuestionOn(InteractionResponse screen) => QuizPlaythrough.QuestionOn(screen);

    /// <summary>The game id its answer buttons carry.</summary>
    public static string GameIdOn(InteractionResponse screen) =>
        QuizBot.Interactions.CustomId.TryParse(screen.Buttons().First().CustomId, out var id) ? id.Key : throw new InvalidOperationException("no trivia button");

    public static string ButtonFor(InteractionResponse screen, bool correctly)
    {
        var question = QuestionOn(screen);
        if (question.Kind == QuestionKind.TrueFalse)
        {
            return screen.ButtonId(AnswerJudge.IsTrue(question) == correctly ? "True" : "False");
        }

        var buttons = screen.Buttons().ToList();
        var right = buttons.Single(b => IsLabelOf(b.Label!, question.Answer));
        return (correctly ? right : buttons.First(b => b != right)).CustomId!;
    }

    /// <summary>The right choice as "🔒 Locked in" names it: its letter, or "True"/"False".</summary>
    public static string RightLabel(InteractionResponse screen)
    {
        var answer = RightAnswer(screen);
        return QuestionOn(screen).Kind == QuestionKind.TrueFalse ? answer : answer[..1];
    }

    /// <summary>The right answer as a reveal shows it: "B · text" for multiple choice, "True" or "False".</summary>
    public static string RightAnswer(InteractionResponse screen)
    {
        var question = QuestionOn(screen);
        if (question.Kind == QuestionKind.TrueFalse)
        {
            return AnswerJudge.IsTrue(question) ? "True" : "False";
        }

        return screen.Buttons().Single(b => IsLabelOf(b.Label!, question.Answer)).Label![..1] + " · " + question.Answer;
    }

    private static bool IsLabelOf(string label, string answer)
    {
        var text = label.Length > 4 ? label[4..] : label;
        return text == answer || (text.EndsWith('…') && answer.StartsWith(text[..^1], StringComparison.Ordinal));
    }
}
