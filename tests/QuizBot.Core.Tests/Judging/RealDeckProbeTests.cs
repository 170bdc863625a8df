using System.Text.RegularExpressions;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Tests.Decks;

namespace QuizBot.Core.Tests.Judging;

/// <summary>
/// Probes the judge on every typed and fill-blank question of the shipped deck: the right answers in the forms
/// students type them must pass, and the plausible wrong answers (other questions' answers, neighbouring
/// countries, other years and numbers, parts of the word) must fail. Variants come from each question's own
/// answer, accept list and prompt, so the probe follows the deck as it is edited.
/// </summary>
public sealed partial class RealDeckProbeTests(ITestOutputHelper output)
{
    private static readonly string[] Countries =
        ["Kyrgyzstan", "Kazakhstan", "Tajikistan", "Uzbekistan", "Turkmenistan", "Afghanistan", "China", "Russia", "Ukraine", "Belarus", "Armenia", "Iran", "Pakistan"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] PlaceWords = ["where", "country", "capital", "town", "border", "territory"];

    private static readonly Lazy<Deck> RealDeck = new(() =>
        Assert.Single(DeckLoader.LoadDeck(Path.Combine(RealDeckTests.RepositoryContent(), "csto-central-asia")).Decks));

    [Fact]
    public void Every_natural_right_variant_is_accepted()
    {
        var probes = TextQuestions().SelectMany(q => RightVariants(q).Select(v => (Question: q, Typed: v))).ToList();

        var rejected = probes.Where(p => !AnswerJudge.JudgeTyped(p.Question, p.Typed).IsCorrect).Select(p => $"{p.Question.Id}: '{p.Typed}'").ToList();

        output.WriteLine($"right variants: {probes.Count}, accepted: {probes.Count - rejected.Count}");
        Assert.True(probes.Count >= 500, $"only {probes.Count} right variants generated");
        Assert.True(rejected.Count == 0, "rejected: " + string.Join(" | ", rejected));
    }

    [Fact]
    public void Every_plausible_wrong_variant_is_rejected()
    {
        var probes = TextQuestions().SelectMany(q => WrongVariants(q).Select(v => (Question: q, Typed: v))).ToList();

        var accepted = probes.Select(p => (p.Question, p.Typed, Verdict: AnswerJudge.JudgeTyped(p.Question, p.Typed)))
            .Where(p => p.Verdict.IsCorrect)
            .Select(p => $"{p.Question.Id}: '{p.Typed}' ({p.Verdict.Match})")
            .ToList();

        output.WriteLine($"wrong variants: {probes.Count}, rejected: {probes.Count - accepted.Count}");
        Assert.True(probes.Count >= 1000, $"only {probes.Count} wrong variants generated");
        Assert.True(accepted.Count == 0, "accepted: " + string.Join(" | ", accepted));
    }

    [Fact]
    public void The_probe_exercises_every_lenient_rule_on_the_real_deck()
    {
        var used = TextQuestions()
            .SelectMany(q => RightVariants(q).Select(v => AnswerJudge.JudgeTyped(q, v).Match))
            .ToHashSet();

        // Possessive is left out: the edited deck asks no "whose" question, so only LenientRuleTableTests exercise it.
        var expected = new HashSet<AnswerMatch>
        {
            AnswerMatch.Exact, AnswerMatch.Alias, AnswerMatch.Typo, AnswerMatch.Parenthetical, AnswerMatch.DottedAcronym,
            AnswerMatch.LeadingPreposition, AnswerMatch.DateForm, AnswerMatch.PersonName,
        };
        Assert.Empty(expected.Except(used));
    }

    private static IEnumerable<Question> TextQuestions() =>
        RealDeck.Value.Questions.Where(q => q.Kind is QuestionKind.Typed or QuestionKind.FillBlank);

    private static List<string> Targets(Question question) => [question.Answer, .. question.Accepted];

    private static HashSet<string> NormalisedTargets(Question question) =>
        Targets(question).Select(AnswerNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>What students type when they know the answer.</summary>
    private static IEnumerable<string> RightVariants(Question question)
    {
        var prompt = question.Prompt;
        var lower = prompt.ToLowerInvariant();
        var asksPlace = PlaceWords.Any(w => Regex.IsMatch(lower, $@"\b{w}\b"));
        var asksPerson = Regex.IsMatch(lower, @"\b(who|president|leader)\b");
        var targets = Targets(question);
        var variants = new List<string>();
        foreach (var target in targets)
        {
            variants.AddRange([target, target.ToLowerInvariant(), target.ToUpperInvariant(), target + ".", $"  {target} ", $"\"{target}\""]);
            if (!char.IsDigit(target[0]) && !Regex.IsMatch(target, "^(the|a|an) ", RegexOptions.IgnoreCase))
            {
                variants.Add("the " + target);
            }

            var isDate = IsYear(target) || Months.Contains(target);
            if (isDate || (asksPlace && char.IsUpper(target[0]) && !target.EndsWith("'s", StringComparison.Ordinal) && !Regex.IsMatch(target, "^(The|A|An) ")))
            {
                variants.Add("in " + target);
            }

            if (Typo(target) is { } typo)
            {
                variants.Add(typo);
            }

            if (Acronym().IsMatch(target))
            {
                variants.Add(string.Concat(target.Select(c => $"{c}.")));
                foreach (var expansion in targets.Where(t => !t.Contains('(', StringComparison.Ordinal) && Initials(t) == target))
                {
                    variants.Add($"{expansion} ({target})");
                    variants.Add($"{target} ({expansion})");
                }
            }

            if (IsYear(target) && MonthDay().Match(prompt) is { Success: true } monthDay)
            {
                variants.Add($"{monthDay.Value}, {target}");
                variants.Add($"{monthDay.Groups[2].Value} {monthDay.Groups[1].Value} {target}");
                variants.Add($"{monthDay.Groups[1].Value} {target}");
            }

            if (Months.Contains(target) && Year().Matches(prompt).Select(m => m.Value).Distinct().ToList() is [var year])
            {
                variants.Add($"{target} {year}");
                variants.Add($"in {target} {year}");
                variants.Add(target[..3]);
            }

            var words = target.Split(' ');
            if (asksPerson && words.Length == 2 && words.All(w => char.IsUpper(w[0])))
            {
                variants.Add("President " + target);
                variants.Add("President " + words[1]);
            }

            if (asksPerson && words.Length == 1 && char.IsUpper(target[0]))
            {
                variants.Add("President " + target);
                if (FirstNameBefore(question, target) is { } first)
                {
                    variants.Add($"{first} {target}");
                    variants.Add($"{first[0]}. {target}");
                }
            }

            if (Regex.IsMatch(lower, @"\bwhose\b") && !target.EndsWith("'s", StringComparison.Ordinal))
            {
                variants.Add(target + "'s");
                variants.Add(target + "’s");
            }
        }

        return variants.Distinct(StringComparer.Ordinal);
    }

    /// <summary>What students type when they do not know it, or half know it.</summary>
    private static IEnumerable<string> WrongVariants(Question question)
    {
        var right = NormalisedTargets(question);
        var variants = new List<string>();
        variants.AddRange(TextQuestions().Where(q => q.FactId != question.FactId).Select(q => q.Answer));
        // Every choice of every multiple-choice question: the deck's own plausible answers, right or wrong elsewhere.
        variants.AddRange(RealDeck.Value.Questions.Where(q => q.Kind == QuestionKind.MultipleChoice).SelectMany(q => q.Choices));
        foreach (var target in Targets(question))
        {
            if (Countries.Contains(target))
            {
                var others = Countries.Where(c => !right.Contains(AnswerNormalizer.Normalize(c))).ToList();
                variants.AddRange(others);
                variants.AddRange(others.Select(c => "in " + c));
                variants.AddRange(others.Select(c => c + "'s"));
            }

            if (int.TryParse(target.Replace(",", string.Empty, StringComparison.Ordinal), out var number))
            {
                variants.AddRange([$"{number + 1}", $"{number - 1}", $"{number * 10}", $"{number / 10}", "70", "2012", "2019", "2022", "2023", "in 2019", "in 2012"]);
                if (IsYear(target))
                {
                    variants.AddRange(Months.Select(m => $"{m} {number - 1}"));
                    variants.Add($"March {number}");
                }
            }

            if (Months.Contains(target))
            {
                variants.AddRange(Months.Select(m => "in " + m));
                variants.AddRange(Months.Select(m => $"{m} 2019"));
            }

            var letters = target.Count(char.IsLetter);
            if (letters >= 6 && !target.Contains(' ', StringComparison.Ordinal))
            {
                variants.Add(target[..^3]);
            }

            if (target.Split(' ') is [_, var surname] && char.IsUpper(surname[0]))
            {
                variants.Add("President Japarov");
                variants.Add("President Putin");
                variants.Add("Dmitry " + surname);
            }
        }

        // Drop the generated forms that are in fact right: the answer itself, "in <answer>", "President <surname>".
        var surnames = right.Select(r => r.Split(' ')[^1]).ToHashSet(StringComparer.Ordinal);
        return variants
            .Where(v => !right.Contains(AnswerNormalizer.Normalize(v)))
            .Where(v => !IsRightPart(Regex.Match(v, @"^(.+)\((.+)\)$"), right, 1, 2))
            .Where(v => !IsRightPart(Regex.Match(v, "^(.+)['’]s$"), right, 1, 1))
            .Where(v => !(v.StartsWith("in ", StringComparison.Ordinal) && right.Contains(AnswerNormalizer.Normalize(v[3..]))))
            .Where(v => !(v.StartsWith("President ", StringComparison.Ordinal) && surnames.Contains(AnswerNormalizer.Normalize(v[10..]))))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>A bracketed or possessive form of a right answer ("Shanghai Cooperation Organization (SCO)", "Kyrgyz Republic's") is no wrong variant.</summary>
    private static bool IsRightPart(Match match, HashSet<string> right, int first, int second) =>
        match.Success && (right.Contains(AnswerNormalizer.Normalize(match.Groups[first].Value)) || right.Contains(AnswerNormalizer.Normalize(match.Groups[second].Value)));

    private static bool IsYear(string text) => text.Length == 4 && text.All(char.IsDigit);

    /// <summary>Two neighbouring letters swapped inside a word of six letters or more ("Afhganistan").</summary>
    private static string? Typo(string target)
    {
        if (target.Length < 6 || !target.All(char.IsLetter) || target[2] == target[3])
        {
            return null;
        }

        return string.Concat(target.AsSpan(0, 2), target[3].ToString(), target[2].ToString(), target.AsSpan(4));
    }

    private static string Initials(string name) => string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(w => char.IsUpper(w[0])).Select(w => w[0]));

    /// <summary>The first name the question itself writes before this surname, if any.</summary>
    private static string? FirstNameBefore(Question question, string surname)
    {
        var text = string.Join(' ', [question.Prompt.Replace("____", question.Answer, StringComparison.Ordinal), question.Explanation, .. question.Accepted]);
        var match = Regex.Match(text, $@"\b([A-Z][a-z]+) {Regex.Escape(surname)}\b");
        return match.Success && match.Groups[1].Value is not ("President" or "Russian" or "Kyrgyz" or "The") ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("^[A-Z]{2,6}$")]
    private static partial Regex Acronym();

    [GeneratedRegex(@"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(19|20)\d\d\b")]
    private static partial Regex Year();
}
