using QuizBot.Core.Decks;
using QuizBot.Core.Scoring;

namespace QuizBot.Core.Tests.Scoring;

public sealed class ScoringTests
{
    [Theory]
    [InlineData(QuestionKind.TrueFalse, 5)]
    [InlineData(QuestionKind.MultipleChoice, 10)]
    [InlineData(QuestionKind.Typed, 15)]
    [InlineData(QuestionKind.FillBlank, 15)]
    public void Points_depend_on_the_kind(QuestionKind kind, int points)
    {
        Assert.Equal(points, ScoringRules.PointsFor(kind, correct: true, streakBefore: 0));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 12)]
    [InlineData(2, 14)]
    [InlineData(5, 20)]
    [InlineData(6, 20)]
    [InlineData(50, 20)]
    public void Streak_bonus_grows_by_two_and_is_capped_at_ten(int streakBefore, int points)
    {
        Assert.Equal(points, ScoringRules.PointsFor(QuestionKind.MultipleChoice, correct: true, streakBefore));
    }

    [Theory]
    [InlineData(QuestionKind.TrueFalse)]
    [InlineData(QuestionKind.Typed)]
    public void Wrong_answers_score_nothing_whatever_the_streak(QuestionKind kind)
    {
        Assert.Equal(0, ScoringRules.PointsFor(kind, correct: false, streakBefore: 4));
    }

    private static readonly DateOnly Today = new(2025, 5, 10);

    [Fact]
    public void Day_streak_counts_consecutive_days_ending_today()
    {
        Assert.Equal(3, DayStreak.Count([Today, Today.AddDays(-1), Today.AddDays(-2), Today.AddDays(-4)], Today));
    }

    [Fact]
    public void Day_streak_survives_until_a_whole_day_is_missed()
    {
        Assert.Equal(2, DayStreak.Count([Today.AddDays(-1), Today.AddDays(-2)], Today));
        Assert.Equal(0, DayStreak.Count([Today.AddDays(-2), Today.AddDays(-3)], Today));
        Assert.Equal(0, DayStreak.Count([], Today));
    }

    [Fact]
    public void Day_streak_counts_each_day_once_and_uses_utc_days()
    {
        var now = new DateTimeOffset(2025, 5, 10, 0, 30, 0, TimeSpan.Zero);
        DateTimeOffset[] answers =
        [
            new(2025, 5, 10, 0, 10, 0, TimeSpan.Zero),
            new(2025, 5, 10, 0, 20, 0, TimeSpan.Zero),
            new(2025, 5, 10, 1, 0, 0, TimeSpan.FromHours(2)), // 23:00 UTC on the 9th
        ];
        Assert.Equal(2, DayStreak.Count(answers, now));
    }
}
