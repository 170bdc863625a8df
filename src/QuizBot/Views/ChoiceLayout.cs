using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>
/// How a button-answered question looks, the same in a quiz, a trivia game and the question of the day:
/// multiple-choice options listed as "A. …" under the prompt, and one button per choice (True/False in green and red).
/// </summary>
internal static class ChoiceLayout
{
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    /// <summary>Appends the lettered options of a multiple-choice question; other kinds show none.</summary>
    public static StringBuilder AppendChoices(StringBuilder text, QuestionKind kind, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(choices);
        if (kind != QuestionKind.MultipleChoice)
        {
            return text;
        }

        text.Append('\n');
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append("\n**").Append(Letter(i)).Append(".** ").Append(choices[i]);
        }

        return text;
    }

    /// <summary>Action rows of answer buttons, at most <paramref name="maxRows"/>; <paramref name="customId"/> names choice i.</summary>
    public static List<Component> Buttons(QuestionKind kind, IReadOnlyList<string> choices, Func<int, string> customId, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(customId);
        if (kind == QuestionKind.TrueFalse)
        {
            return
            [
                ActionRow.Of(
                    Button.Success(customId(0), choices.ElementAtOrDefault(0) ?? "True"),
                    Button.Danger(customId(1), choices.ElementAtOrDefault(1) ?? "False")),
            ];
        }

        return choices
            .Select((choice, i) => Button.Primary(customId(i), TextFit.Truncate($"{Letter(i)} · {choice}", Button.MaxLabelLength)))
            .Chunk(ActionRow.MaxButtons)
            .Take(maxRows)
            .Select(chunk => (Component)ActionRow.Of(chunk))
            .ToList();
    }
}
