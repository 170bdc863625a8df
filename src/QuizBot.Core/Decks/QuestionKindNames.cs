namespace QuizBot.Core.Decks;

/// <summary>The names question kinds have in deck files and exports, and the tags used in default question ids.</summary>
public static class QuestionKindNames
{
    public static IReadOnlyList<QuestionKind> All { get; } =
        [QuestionKind.MultipleChoice, QuestionKind.TrueFalse, QuestionKind.Typed, QuestionKind.FillBlank];

    /// <summary>The name used in YAML and JSON, e.g. <c>multiple-choice</c>.</summary>
    public static string Name(QuestionKind kind) => kind switch
    {
        QuestionKind.MultipleChoice => "multiple-choice",
        QuestionKind.TrueFalse => "true-false",
        QuestionKind.Typed => "typed",
        QuestionKind.FillBlank => "fill-blank",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown question kind."),
    };

    /// <summary>The short tag of a default question id, e.g. <c>mc</c> in <c>kant-airbase-mc1</c>.</summary>
    public static string IdTag(QuestionKind kind) => kind switch
    {
        QuestionKind.MultipleChoice => "mc",
        QuestionKind.TrueFalse => "tf",
        QuestionKind.Typed => "typed",
        QuestionKind.FillBlank => "blank",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown question kind."),
    };

    public static bool TryParse(string name, out QuestionKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
