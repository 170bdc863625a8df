using QuizBot.Core.Decks;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

public sealed class TriviaRulesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(QuestionKind.MultipleChoice, 0, 10)]
    [InlineData(QuestionKind.MultipleChoice, 10, 8)]
    [InlineData(QuestionKind.MultipleChoice, 19.9, 5)]
    [InlineData(QuestionKind.MultipleChoice, 20, 5)]
    [InlineData(QuestionKind.MultipleChoice, 30, 5)]
    [InlineData(QuestionKind.TrueFalse, 0, 5)]
    [InlineData(QuestionKind.TrueFalse, 4, 5)]
    [InlineData(QuestionKind.TrueFalse, 12, 4)]
    [InlineData(QuestionKind.TrueFalse, 20, 3)]
    public void Right_answers_keep_from_all_to_half_of_the_base_points_as_time_runs(QuestionKind kind, double seconds, int points) =>
        Assert.Equal(points, TriviaRules.PointsFor(kind, true, TimeSpan.FromSeconds(seconds), Limit));

    [Fact]
    public void Wrong_answers_score_nothing_however_fast() =>
        Assert.Equal(0, TriviaRules.PointsFor(QuestionKind.MultipleChoice, false, TimeSpan.Zero, Limit));

    [Theory]
    [InlineData(10, 20)]
    [InlineData(20, 20)]
    [InlineData(42, 20)]
    [InlineData(45, 18)]
    [InlineData(60, 14)]
    public void Questions_times_seconds_fit_in_fourteen_minutes(int seconds, int max) =>
        Assert.Equal(max, TriviaRules.MaxQuestionsFor(seconds));

    [Theory]
    [InlineData(QuestionKind.MultipleChoice, true)]
    [InlineData(QuestionKind.TrueFalse, true)]
    [InlineData(QuestionKind.Typed, false)]
    [InlineData(QuestionKind.FillBlank, false)]
    public void Only_button_questions_are_used(QuestionKind kind, bool used) =>
        Assert.Equal(used, TriviaRules.IsButtonAnswerable(kind));
}
