using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>
/// One quiz question: topic, "Question 3/10", a progress bar, the prompt, the choices, and buttons
/// (A–D or True/False, or "Type answer"; then Skip and 🚩 Report). Buttons carry positions, never answers.
/// </summary>
public static class QuizQuestionView
{
    public const string TypeAnswerLabel = "Type answer";
    public const string SkipLabel = "Skip";
    public const string ReportLabel = "🚩 Report";

    public static MessagePayload Render(PresentedQuestion question, QuizSession session, string deckTitle, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(session);
        return new MessagePayload { Content = notice, Embeds = [QuestionEmbed(question, session, deckTitle)], Components = Buttons(question, alsoOnLastRow: null) };
    }

    /// <summary>The question's embed alone, for screens that show it below something else (the reveal of the previous one).</summary>
    internal static Embed QuestionEmbed(PresentedQuestion question, QuizSession session, string deckTitle)
    {
        var description = new StringBuilder()
            .Append("**").Append(question.Progress).Append("**  ").Append(TextFit.Bar(question.Index, question.Total)).Append("\n\n")
            .Append(question.Question.Prompt);
        ChoiceLayout.AppendChoices(description, question.Question.Kind, question.Choices);
        if (question.IsTyped)
        {
            description.Append("\n\n*Press “").Append(TypeAnswerLabel).Append("” to write your answer.*");
        }

        return new Embed
        {
            Title = TextFit.Truncate(Title(deckTitle, session), Embed.MaxTitleLength),
            Description = TextFit.Truncate(description.ToString(), Embed.MaxDescriptionLength),
            Color = Colors.Question,
            Footer = new EmbedFooter { Text = Footer(session) },
        };
    }

    public static string Letter(int index) => ChoiceLayout.Letter(index);

    internal static string Title(string deckTitle, QuizSession session)
    {
        var kind = session.Mode == QuizMode.Review ? "Review" : "Quiz";
        return session.Topic is { } topic ? $"{kind} — {topic}" : $"{kind} — {deckTitle}";
    }

    internal static string Footer(QuizSession session) =>
        session.Streak > 1 ? $"{session.Points} points · streak {session.Streak} 🔥" : $"{session.Points} points";

    /// <summary>
    /// The answer buttons, then a last row of Skip and Report; <paramref name="alsoOnLastRow"/> joins that row (the
    /// previous question's Report, when its reveal is shown above).
    /// </summary>
    internal static List<Component> Buttons(PresentedQuestion question, Component? alsoOnLastRow)
    {
        var sessionId = question.SessionId;
        var index = question.Index;
        var rows = new List<Component>();
        switch (question.Question.Kind)
        {
            case QuestionKind.MultipleChoice or QuestionKind.TrueFalse:
                // Four rows at most hold choices, leaving the last row for Skip and Report.
                rows.AddRange(ChoiceLayout.Buttons(
                    question.Question.Kind, question.Choices, i => QuizIds.Choice(sessionId, index, i).ToString(), MessagePayload.MaxActionRows - 1));
                break;
            default:
                rows.Add(ActionRow.Of(Button.Primary(QuizIds.TypeAnswerButton(sessionId, index, question.Total).ToString(), TypeAnswerLabel)));
                break;
        }

        var skip = Button.Secondary(QuizIds.Of(sessionId, QuizIds.SkipQuestion, index).ToString(), SkipLabel);
        var report = Button.Secondary(QuizIds.Of(sessionId, QuizIds.Report, index).ToString(), ReportLabel);
        rows.Add(alsoOnLastRow is null ? ActionRow.Of(skip, report) : ActionRow.Of(skip, report, alsoOnLastRow));
        return rows;
    }
}
