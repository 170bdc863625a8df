using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>
/// The daily question's custom_ids: <c>d1:&lt;yyyy-MM-dd&gt;:a:&lt;choice&gt;</c>, the UTC date of the question and the
/// presented choice position. The guild comes from the interaction; the question from the store.
/// </summary>
public static class DailyIds
{
    /// <summary>The daily question's custom_id area (kept here with its ids, next to <see cref="CustomIdAreas"/>'s letters).</summary>
    public const string Area = "d";

    public const string Answer = "a";

    public static CustomId Choice(DateOnly date, int choice) => CustomId.Create(Area, DailySchedule.Format(date), Answer, choice);
}
