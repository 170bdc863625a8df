using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.ScaleOut.Tests;

/// <summary>Reads a reply the way a member looks at it.</summary>
internal static class Screens
{
    public static IEnumerable<Component> Buttons(this InteractionResponse response) =>
        (response.Data?.Components ?? []).SelectMany(row => row.Components ?? []).Where(c => c.Type == ComponentType.Button && c.CustomId is not null);

    public static Component? Button(this InteractionResponse response, string label) =>
        response.Buttons().FirstOrDefault(b => b.Label == label);

    public static string Title(this InteractionResponse response) => response.Data?.Embeds?.FirstOrDefault()?.Title ?? "";

    /// <summary>Buttons answering by choice: everything on a question but Skip, the Reports (this question's, the one revealed above) and Type answer.</summary>
    public static IReadOnlyList<Component> ChoiceButtons(this InteractionResponse response) =>
        [.. response.Buttons().Where(b => b.Label is not (QuizQuestionView.SkipLabel or QuizQuestionView.TypeAnswerLabel)
            && b.Label?.StartsWith(QuizQuestionView.ReportLabel, StringComparison.Ordinal) != true)];

    public static bool IsQuestion(this InteractionResponse response) =>
        response.Button(QuizQuestionView.SkipLabel) is not null
        && (response.Button(QuizQuestionView.TypeAnswerLabel) is not null || response.ChoiceButtons().Count > 0);

    /// <summary>The reveal of a scored answer: ✅ or ❌ with the verdict.</summary>
    public static bool IsVerdict(this InteractionResponse response) =>
        response.Type == InteractionCallbackType.UpdateMessage && (response.Title().StartsWith('✅') || response.Title().StartsWith('❌'));

    public static string Glimpse(this InteractionResponse? response)
    {
        var text = (response?.Data?.Content ?? response?.Title() ?? "(none)").ReplaceLineEndings(" ");
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
