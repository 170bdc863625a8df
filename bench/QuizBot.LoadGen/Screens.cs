using QuizBot.Core.Study;
using QuizBot.Views;

namespace QuizBot.LoadGen;

/// <summary>Reads a reply the way a member looks at it: its buttons, its title, whether it is a question or a reveal.</summary>
internal static class Screens
{
    private static readonly string[] RatingPrefixes = [.. Enum.GetNames<Rating>().Select(r => r + " · ")];

    public static IReadOnlyList<ReplyComponent> Buttons(this Reply reply) => reply.Data?.Buttons ?? [];

    public static ReplyComponent? Button(this Reply reply, string label)
    {
        foreach (var button in reply.Buttons())
        {
            if (button.Label == label && button.CustomId is not null)
            {
                return button;
            }
        }

        return null;
    }

    public static string Title(this Reply reply) => reply.Data?.Embeds is [var first, ..] ? first.Title ?? "" : "";

    /// <summary>A quiz question: only question screens offer Skip, and each offers choices or "Type answer".</summary>
    public static bool IsQuestion(this Reply reply) =>
        reply.Button(QuizQuestionView.SkipLabel) is not null
        && (reply.Button(QuizQuestionView.TypeAnswerLabel) is not null || reply.ChoiceButtons().Count > 0);

    /// <summary>The reveal of an accepted answer says whether it was right.</summary>
    public static bool IsVerdict(this Reply reply) => reply.Title().StartsWith('✅') || reply.Title().StartsWith('❌');

    /// <summary>The end of a quiz: its summary, below the last reveal.</summary>
    public static bool IsSummary(this Reply reply) => reply.Data?.Embeds?.Exists(e => e.Title == QuizRevealView.SummaryTitle) == true;

    /// <summary>The buttons that answer a question by choice (A–D, True/False); typed questions have none. Reports (this question's, the one revealed above) are not choices.</summary>
    public static IReadOnlyList<ReplyComponent> ChoiceButtons(this Reply reply) =>
        reply.ButtonsWhere(b => b.Label is not (QuizQuestionView.SkipLabel or QuizQuestionView.TypeAnswerLabel)
            && b.Label?.StartsWith(QuizQuestionView.ReportLabel, StringComparison.Ordinal) != true);

    /// <summary>The front of a flashcard: one "Show answer" button.</summary>
    public static bool IsCardFront(this Reply reply) => reply.Button(StudyView.ShowAnswerLabel) is not null;

    /// <summary>The end of a study session: no card, no buttons.</summary>
    public static bool IsStudyDone(this Reply reply) =>
        reply.Title().StartsWith("🎉", StringComparison.Ordinal) && reply.Buttons().Count == 0;

    /// <summary>Again / Hard / Good / Easy on the back of a card, each labelled "Rating · interval".</summary>
    public static IReadOnlyList<ReplyComponent> RatingButtons(this Reply reply) =>
        reply.ButtonsWhere(b => Array.Exists(RatingPrefixes, prefix => b.Label?.StartsWith(prefix, StringComparison.Ordinal) == true));

    /// <summary>A short, one-line view of what came back, for error reasons.</summary>
    public static string Glimpse(this Reply reply)
    {
        var text = reply.Data?.Content ?? reply.Title();
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..60] + "…";
    }

    /// <summary>The buttons with an id that <paramref name="shows"/> accepts, in order.</summary>
    private static List<ReplyComponent> ButtonsWhere(this Reply reply, Func<ReplyComponent, bool> shows)
    {
        var found = new List<ReplyComponent>();
        foreach (var button in reply.Buttons())
        {
            if (button.CustomId is not null && shows(button))
            {
                found.Add(button);
            }
        }

        return found;
    }
}
