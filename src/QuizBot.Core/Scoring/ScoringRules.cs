using QuizBot.Core.Decks;

namespace QuizBot.Core.Scoring;

/// <summary>
/// Points for quiz answers.
/// <list type="table">
/// <item><term>True/false, right</term><description>5 points</description></item>
/// <item><term>Multiple choice, right</term><description>10 points</description></item>
/// <item><term>Typed or fill-in-the-blank, right</term><description>15 points</description></item>
/// <item><term>Streak bonus</term><description>+2 for each consecutive right answer beyond the first
/// (2nd in a row +2, 3rd +4, ...), capped at +10</description></item>
/// <item><term>Wrong or skipped</term><description>0 points, and the streak starts again</description></item>
/// </list>
/// </summary>
public static class ScoringRules
{
    public const int StreakBonusPerAnswer = 2;
    public const int MaxStreakBonus = 10;

    public static int BasePoints(QuestionKind kind) => kind switch
    {
        QuestionKind.TrueFalse => 5,
        QuestionKind.MultipleChoice => 10,
        QuestionKind.Typed or QuestionKind.FillBlank => 15,
        _ => 0,
    };

    /// <summary>The bonus for a right answer that makes the streak <paramref name="streakIncludingThisAnswer"/> long.</summary>
    public static int StreakBonus(int streakIncludingThisAnswer) =>
        Math.Clamp((streakIncludingThisAnswer - 1) * StreakBonusPerAnswer, 0, MaxStreakBonus);

    /// <summary>Points earned by one answer, given the streak of right answers before it.</summary>
    public static int PointsFor(QuestionKind kind, bool correct, int streakBefore) =>
        correct ? BasePoints(kind) + StreakBonus(streakBefore + 1) : 0;
}
