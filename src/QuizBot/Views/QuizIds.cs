using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>The quiz's custom_ids: session id, action, question index and (for answers) the presented choice position.</summary>
public static class QuizIds
{
    public const string Answer = "a";
    public const string TypeAnswer = "t";
    public const string TypedModal = "tm";
    public const string SkipQuestion = "skip";
    /// <summary>"Next ▶", which replies no longer carry (they show the next question): kept so old messages still work.</summary>
    public const string Next = "n";
    public const string Report = "r";
    public const string ReportModal = "rm";
    public const string Resume = "res";
    public const string Abandon = "ab";

    public const string AnswerInput = "answer";
    public const string ReasonInput = "reason";

    public static CustomId Of(string sessionId, string action, int questionIndex) =>
        CustomId.Create(CustomIdAreas.Quiz, sessionId, action, questionIndex);

    /// <summary>"Type answer": the question's index and the quiz's length, so the form opens without reading the quiz.</summary>
    public static CustomId TypeAnswerButton(string sessionId, int questionIndex, int total) =>
        CustomId.Create(CustomIdAreas.Quiz, sessionId, TypeAnswer, questionIndex, total);

    public static CustomId Choice(string sessionId, int questionIndex, int choice) =>
        CustomId.Create(CustomIdAreas.Quiz, sessionId, Answer, questionIndex, choice);
}
