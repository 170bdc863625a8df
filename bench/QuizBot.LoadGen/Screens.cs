using QuizBot.Core.Study;
using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.LoadGen;

/// <summary>Reads a reply the way a member looks at it: its buttons, its title, whether it is a question or a reveal.</summary>
internal static class Screens
{
    public static IEnumerable<Component> Buttons(this InteractionResponse response) =>
        (response.Data?.Components ?? []).SelectMany(row => row.Components ?? []).Where(c => c.Type == ComponentType.Button);

    public static Component? Button(this InteractionResponse response, string label) =>
        response.Buttons().FirstOrDefault(b => b.Label == label && b.CustomId is not null);

    public static string Title(this InteractionResponse response) => response.Data?.Embeds?.FirstOrDefault()?.Title ?? "";

    /// <summary>A quiz question: only question screens offer Skip, and each offers choices or "Type answer".</summary>
    public static bool IsQuestion(this InteractionResponse response) =>
        response.Button(QuizQuestionView.SkipLabel) is not null
        && (response.Button(QuizQuestionView.TypeAnswerLabel) is not null || response.ChoiceButtons().Count > 0);

    /// <summary>The reveal of an accepted answer says whether it was right.</summary>
    public static bool IsVerdict(this InteractionResponse response) => response.Title().StartsWith('✅') || response.Title().StartsWith('❌');

    /// <summary>The end of a quiz: its summary, below the last reveal.</summary>
    public static bool IsSummary(this InteractionResponse response) =>
        response.Data?.Embeds?.Any(e => e.Title == QuizRevealView.SummaryTitle) == true;

    /// <summary>The buttons that answer a question by choice (A–D, True/False); typed questions have none. Reports (this question's, the one revealed above) are not choices.</summary>
    public static IReadOnlyList<Component> ChoiceButtons(this InteractionResponse response) =>
        [.. response.Buttons().Where(b => b.CustomId is not null && b.Label is not (QuizQuestionView.SkipLabel or QuizQuestionView.TypeAnswerLabel)
            && b.Label?.StartsWith(QuizQuestionView.ReportLabel, StringComparison.Ordinal) != true)];

    /// <summary>The front of a flashcard: one "Show answer" button.</summary>
    public static bool IsCardFront(this InteractionResponse response) => response.Button(StudyView.ShowAnswerLabel) is not null;

    /// <summary>The end of a study session: no card, no buttons.</summary>
    public static bool IsStudyDone(this InteractionResponse response) =>
        response.Title().StartsWith("🎉", StringComparison.Ordinal) && !response.Buttons().Any();

    /// <summary>Again / Hard / Good / Easy on the back of a card, each labelled "Rating · interval".</summary>
    public static IReadOnlyList<Component> RatingButtons(this InteractionResponse response) =>
        [.. response.Buttons().Where(b => b.CustomId is not null && Enum.GetNames<Rating>().Any(r => b.Label?.StartsWith(r + " · ", StringComparison.Ordinal) == true))];

    /// <summary>A short, one-line view of what came back, for error reasons.</summary>
    public static string Glimpse(this InteractionResponse response)
    {
        var text = response.Data?.Content ?? response.Title();
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
