using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Tests.Judging;

public sealed class ChoiceJudgeTests
{
    private static readonly Question MultipleChoice = new("q", "f", QuestionKind.MultipleChoice, "Where?", "Kant", ["Kant", "Osh", "Karakol", "Naryn"], [], "x");

    [Fact]
    public void Multiple_choice_is_judged_by_the_presented_index()
    {
        int[] presented = [2, 0, 3, 1]; // Karakol, Kant, Naryn, Osh
        Assert.True(AnswerJudge.JudgeChoice(MultipleChoice, presented, 1).IsCorrect);
        Assert.Equal(AnswerMatch.Wrong, AnswerJudge.JudgeChoice(MultipleChoice, presented, 0).Match);
        Assert.Equal("Kant", AnswerJudge.JudgeChoice(MultipleChoice, presented, 3).CanonicalAnswer);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void An_index_outside_the_choices_is_invalid_not_wrong(int index)
    {
        var verdict = AnswerJudge.JudgeChoice(MultipleChoice, [0, 1, 2, 3], index);
        Assert.Equal(AnswerMatch.InvalidChoice, verdict.Match);
        Assert.False(verdict.IsCorrect);
    }

    [Theory]
    [InlineData("true", 0, true)]
    [InlineData("true", 1, false)]
    [InlineData("false", 1, true)]
    [InlineData("false", 0, false)]
    public void True_false_is_true_then_false(string answer, int index, bool correct)
    {
        var question = new Question("q", "f", QuestionKind.TrueFalse, "Kant is in Kyrgyzstan.", answer, [], [], "x");
        var verdict = AnswerJudge.JudgeChoice(question, [], index);
        Assert.Equal(correct, verdict.IsCorrect);
        Assert.Equal(answer == "true" ? "True" : "False", verdict.CanonicalAnswer);
    }

    [Fact]
    public void A_choice_on_a_typed_question_is_invalid()
    {
        Assert.Equal(AnswerMatch.InvalidChoice, AnswerJudge.JudgeChoice(AnswerJudgeTableTests.Typed("Kant"), [0], 0).Match);
    }

    [Fact]
    public void Right_choice_index_finds_the_answer_wherever_it_is()
    {
        Assert.Equal(2, AnswerJudge.RightChoiceIndex(MultipleChoice with { Choices = ["Osh", "Naryn", "Kant"] }));
    }
}
