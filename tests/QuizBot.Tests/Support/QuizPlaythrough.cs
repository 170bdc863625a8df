using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.Tests.Support;

/// <summary>
/// Plays quiz screens like a person: reads the question from the embed, finds it in the deck, and presses the right
/// (or a wrong) button, or opens the modal and types. Works over any transport through <c>send</c>.
/// </summary>
internal sealed class QuizPlaythrough(Func<Interaction, Task<InteractionResponse>> send, TestUser user)
{
    public const string WrongTypedAnswer = "definitely not this";

    /// <summary>The question to answer on <paramref name="screen"/>: in the last embed, below the reveal of the previous one when there is one.</summary>
    public static Question QuestionOn(InteractionResponse screen)
    {
        var text = screen.Data?.Embeds is { Count: > 0 } embeds ? embeds[^1].Description ?? "" : screen.Text();
        return RealDeck.All.SelectMany(d => d.Questions)
            .Where(q => text.Contains(q.Prompt, StringComparison.Ordinal))
            .MaxBy(q => q.Prompt.Length) ?? throw new Xunit.Sdk.XunitException("No deck question on screen:\n" + text);
    }

    /// <summary>Answers the question on <paramref name="screen"/>; returns the reveal.</summary>
    public async Task<InteractionResponse> AnswerAsync(InteractionResponse screen, bool correctly)
    {
        var question = QuestionOn(screen);
        switch (question.Kind)
        {
            case QuestionKind.MultipleChoice:
                var choices = screen.Buttons().Where(b => b.Label is { Length: > 4 } l && l[1..4] == " · ").ToList();
                var right = choices.Single(b => IsLabelOf(b.Label!, question.Answer));
                var pick = correctly ? right : choices.First(b => b != right);
                return await send(user.Click(pick.CustomId!));

            case QuestionKind.TrueFalse:
                var truth = AnswerJudge.IsTrue(question);
                var label = truth == correctly ? "True" : "False";
                return await send(user.Click(screen.ButtonId(label)));

            default:
                var modal = await send(user.Click(screen.ButtonId(QuizQuestionView.TypeAnswerLabel)));
                Assert.Equal(InteractionCallbackType.Modal, modal.Type);
                return await send(user.Submit(modal.Data!.CustomId!, (QuizIds.AnswerInput, correctly ? question.Answer : WrongTypedAnswer)));
        }
    }

    /// <summary>Sends the same right answer twice, as a double click or a retried delivery would: the same button, or the same modal submit.</summary>
    public async Task<(InteractionResponse First, InteractionResponse Second)> AnswerTwiceAsync(InteractionResponse screen)
    {
        var question = QuestionOn(screen);
        Interaction answer;
        if (question.Kind is QuestionKind.Typed or QuestionKind.FillBlank)
        {
            var modal = await send(user.Click(screen.ButtonId(QuizQuestionView.TypeAnswerLabel)));
            answer = user.Submit(modal.Data!.CustomId!, (QuizIds.AnswerInput, question.Answer));
        }
        else
        {
            var right = question.Kind == QuestionKind.TrueFalse
                ? screen.ButtonId(AnswerJudge.IsTrue(question) ? "True" : "False")
                : screen.Buttons().Single(b => b.Label is { Length: > 4 } l && l[1..4] == " · " && IsLabelOf(l, question.Answer)).CustomId!;
            answer = user.Click(right);
        }

        var first = await send(answer);
        var again = TestUser.NewInteractionId();
        var second = await send(answer with { Id = again, Token = $"interaction-token-{again}" });
        return (first, second);
    }

    /// <summary>Checks the reveal shows the verdict and cites every footnote the question's fact has in the deck.</summary>
    public static void AssertRevealCites(InteractionResponse reveal, Question question, bool? correct)
    {
        Assert.Equal(InteractionCallbackType.UpdateMessage, reveal.Type);
        var description = reveal.Data!.Embeds![0].Description!;
        Assert.Contains(question.Prompt, description, StringComparison.Ordinal);
        foreach (var line in RealDeck.ExpectedCitationLines(RealDeck.FactOf(question)))
        {
            Assert.Contains(line, description, StringComparison.Ordinal);
        }

        if (correct is { } expected)
        {
            Assert.StartsWith(expected ? "✅" : "❌", reveal.Data.Embeds[0].Title, StringComparison.Ordinal);
        }
    }

    private static bool IsLabelOf(string label, string answer)
    {
        var text = label[4..];
        return text == answer || (text.EndsWith('…') && answer.StartsWith(text[..^1], StringComparison.Ordinal));
    }
}
