using QuizBot.Core.Decks;

namespace QuizBot.Core.Judging;

/// <summary>
/// Judges answers. Typed and fill-blank answers are compared after <see cref="AnswerNormalizer"/> against the
/// question's answer and its accepted aliases. Small typos are forgiven on longer answers only: one edit
/// (insertion, deletion, substitution or swap of neighbours) for answers of 5 to 9 letters, two from 10 letters.
/// To stay free of false positives, a typo match also needs: no digits on either side (numbers are exact), at
/// least 5 letters typed, the same first letter, and neither text found inside the other ("chai" is not "chair").
/// Beyond that, <see cref="LenientRules"/> accepts the right answer in the forms students add to it (brackets,
/// dots, a leading preposition, a fuller date, a title or first name, a possessive); the verdict names the rule.
/// Multiple choice and true/false are judged by the index of the presented choice, never by text.
/// </summary>
public static class AnswerJudge
{
    public static AnswerVerdict JudgeTyped(Question question, string? typed)
    {
        ArgumentNullException.ThrowIfNull(question);
        var given = AnswerNormalizer.Normalize(typed);
        if (given.Length == 0)
        {
            return new AnswerVerdict(AnswerMatch.Empty, question.Answer);
        }

        var canonical = AnswerNormalizer.Normalize(question.Answer);
        var aliases = question.Accepted.Select(AnswerNormalizer.Normalize).Where(a => a.Length > 0).ToList();

        if (given == canonical)
        {
            return new AnswerVerdict(AnswerMatch.Exact, question.Answer);
        }

        if (aliases.Contains(given, StringComparer.Ordinal))
        {
            return new AnswerVerdict(AnswerMatch.Alias, question.Answer);
        }

        var targets = aliases.Prepend(canonical).ToList();
        if (LenientRules.Find(question, typed!, given, targets) is { } rule)
        {
            return new AnswerVerdict(rule, question.Answer);
        }

        var isTypo = targets.Any(expected => IsForgivableTypo(given, expected));
        return new AnswerVerdict(isTypo ? AnswerMatch.Typo : AnswerMatch.Wrong, question.Answer);
    }

    /// <summary>
    /// Judges a click on choice <paramref name="chosenIndex"/> of the choices as presented: multiple-choice
    /// options in the presented order (<paramref name="presentedOrder"/> maps a presented position to an index in
    /// <see cref="Question.Choices"/>), true/false as [True, False].
    /// </summary>
    public static AnswerVerdict JudgeChoice(Question question, IReadOnlyList<int> presentedOrder, int chosenIndex)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(presentedOrder);
        switch (question.Kind)
        {
            case QuestionKind.TrueFalse:
            {
                if (chosenIndex is < 0 or > 1)
                {
                    return new AnswerVerdict(AnswerMatch.InvalidChoice, TrueFalseLabel(question));
                }

                var rightIndex = IsTrue(question) ? 0 : 1;
                return new AnswerVerdict(chosenIndex == rightIndex ? AnswerMatch.Exact : AnswerMatch.Wrong, TrueFalseLabel(question));
            }

            case QuestionKind.MultipleChoice:
            {
                if (chosenIndex < 0 || chosenIndex >= presentedOrder.Count)
                {
                    return new AnswerVerdict(AnswerMatch.InvalidChoice, question.Answer);
                }

                var right = RightChoiceIndex(question);
                return new AnswerVerdict(presentedOrder[chosenIndex] == right ? AnswerMatch.Exact : AnswerMatch.Wrong, question.Answer);
            }

            default:
                return new AnswerVerdict(AnswerMatch.InvalidChoice, question.Answer);
        }
    }

    /// <summary>The index in <see cref="Question.Choices"/> of the right answer (the loader puts it first).</summary>
    public static int RightChoiceIndex(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        for (var i = 0; i < question.Choices.Count; i++)
        {
            if (string.Equals(question.Choices[i], question.Answer, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    public static bool IsTrue(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return string.Equals(question.Answer.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    private static string TrueFalseLabel(Question question) => IsTrue(question) ? "True" : "False";

    internal static bool IsForgivableTypo(string given, string expected)
    {
        if (given.Any(char.IsDigit) || expected.Any(char.IsDigit))
        {
            return false;
        }

        var allowed = AllowedEdits(expected.Count(char.IsLetter));
        if (allowed == 0 || given.Count(char.IsLetter) < 5 || given[0] != expected[0])
        {
            return false;
        }

        if (given.Contains(expected, StringComparison.Ordinal) || expected.Contains(given, StringComparison.Ordinal))
        {
            return false;
        }

        return EditDistance.OptimalStringAlignment(given, expected, allowed) <= allowed;
    }

    /// <summary>Typos forgiven for an answer with this many letters: none under 5, one for 5–9, two from 10.</summary>
    public static int AllowedEdits(int letters) => letters switch
    {
        < 5 => 0,
        < 10 => 1,
        _ => 2,
    };
}
