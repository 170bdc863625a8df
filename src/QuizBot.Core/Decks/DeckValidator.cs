using System.Globalization;
using System.Text.RegularExpressions;

namespace QuizBot.Core.Decks;

/// <summary>
/// The deck rules that go beyond shape: quotes exist in the article, footnotes and ibids resolve and are all
/// cited, ids are unique, and each question is answerable as its kind demands. Reports every breach it finds.
/// </summary>
internal static partial class DeckValidator
{
    public const int MaxPromptLength = 1000;
    public const int MaxCardSideLength = 1000;
    public const int MaxChoiceLength = 80;

    // One button per choice: a quiz question has four rows of five buttons (its last row holds Skip and Report),
    // and a choice without a button could be the right answer.
    public const int MaxChoices = 20;

    public static void Validate(DeckDraft deck, ICollection<DeckProblem> problems)
    {
        var manifestFile = deck.ManifestFile;
        if (deck.Manifest.Id is { } deckId && !IsSlug(deckId.Value))
        {
            problems.Add(new DeckProblem(manifestFile, deckId.Line, $"deck id '{deckId.Value}' must be lowercase letters, digits and hyphens"));
        }

        var footnotes = ValidateSources(deck.Manifest.Sources, manifestFile, problems);
        if (deck.Facts.Count == 0 && deck.AllFactFilesRead)
        {
            problems.Add(new DeckProblem(manifestFile, 1, "the deck has no facts (add facts/*.yaml files)"));
        }

        var normalisedArticle = deck.ArticleText is null ? null : NormaliseWhitespace(deck.ArticleText);
        var articleFootnotes = deck.ArticleText is null ? null : ArticleFootnotes.Parse(deck.ArticleText);
        var articleName = deck.Manifest.Article?.File?.Value ?? "the article";
        var factIds = new UniqueIds("fact", problems);
        var questionIds = new UniqueIds("question", problems);
        var cited = new HashSet<int>();
        foreach (var fact in deck.Facts)
        {
            if (fact.Id is { } id)
            {
                factIds.Add(id.Value, fact.File, id.Line);
                if (!IsSlug(id.Value))
                {
                    problems.Add(new DeckProblem(fact.File, id.Line, $"fact id '{id.Value}' must be lowercase letters, digits and hyphens"));
                }
            }

            if (fact.Quote is { } quote && normalisedArticle is not null)
            {
                ValidateQuote(quote, fact.File, articleName, normalisedArticle, problems);
            }

            ValidateCites(fact, footnotes, cited, problems);
            if (fact.Quote is { } quoted && articleFootnotes?.For(quoted.Value) is { } allowed)
            {
                ValidateCitesMatchMarkers(fact, allowed, footnotes, problems);
            }

            ValidateFactParts(fact, problems);
            foreach (var question in fact.Questions)
            {
                if (question.Id is { } questionId)
                {
                    questionIds.Add(questionId.Value, fact.File, questionId.Line);
                }

                ValidateQuestion(question, fact.File, problems);
            }
        }

        // A facts file that could not be read may hold the citing facts: only report uncited footnotes when all were read.
        foreach (var source in deck.AllFactFilesRead ? deck.Manifest.Sources : [])
        {
            if (source.Footnote is { } footnote && !cited.Contains(footnote.Value))
            {
                problems.Add(new DeckProblem(manifestFile, footnote.Line, $"footnote [{footnote.Value}] is not cited by any fact"));
            }
        }
    }

    /// <summary>Checks deck, fact and question ids across several decks (card and question ids are global in the store).</summary>
    public static void ValidateAcrossDecks(IReadOnlyList<DeckDraft> decks, ICollection<DeckProblem> problems)
    {
        var deckIds = new UniqueIds("deck", problems, acrossDecks: true);
        foreach (var deck in decks)
        {
            if (deck.Manifest.Id is { } deckId)
            {
                deckIds.Add(deckId.Value, deck.ManifestFile, deckId.Line);
            }
        }

        var factIds = new UniqueIds("fact", problems, acrossDecks: true);
        var questionIds = new UniqueIds("question", problems, acrossDecks: true);
        foreach (var deck in decks)
        {
            // Within one deck duplicates are already reported; here only the first of each id per deck counts.
            var seenFacts = new HashSet<string>(StringComparer.Ordinal);
            var seenQuestions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fact in deck.Facts)
            {
                if (fact.Id is { } id && seenFacts.Add(id.Value))
                {
                    factIds.Add(id.Value, fact.File, id.Line);
                }

                foreach (var question in fact.Questions)
                {
                    if (question.Id is { } questionId && seenQuestions.Add(questionId.Value))
                    {
                        questionIds.Add(questionId.Value, fact.File, questionId.Line);
                    }
                }
            }
        }
    }

    public static string NormaliseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    public static bool IsSlug(string id) => Slug().IsMatch(id);

    /// <summary>Footnote numbers defined by deck.yaml, after checking numbers are unique and ibids resolve.</summary>
    private static HashSet<int> ValidateSources(IReadOnlyList<SourceDraft> sources, string file, ICollection<DeckProblem> problems)
    {
        var byNumber = new Dictionary<int, SourceDraft>();
        foreach (var source in sources)
        {
            if (source.Footnote is not { } footnote)
            {
                continue;
            }

            if (footnote.Value < 1)
            {
                problems.Add(new DeckProblem(file, footnote.Line, $"footnote number {footnote.Value} must be 1 or more"));
            }
            else if (!byNumber.TryAdd(footnote.Value, source))
            {
                problems.Add(new DeckProblem(file, footnote.Line, $"footnote [{footnote.Value}] is defined twice"));
            }
        }

        foreach (var source in sources)
        {
            if (source.IbidOf is not { } ibid || source.Footnote is not { } footnote)
            {
                continue;
            }

            if (ibid.Value == footnote.Value)
            {
                problems.Add(new DeckProblem(file, ibid.Line, $"footnote [{footnote.Value}] is an ibid of itself; point it at the footnote it repeats"));
            }
            else if (!byNumber.TryGetValue(ibid.Value, out var target))
            {
                problems.Add(new DeckProblem(file, ibid.Line, $"footnote [{footnote.Value}] is an ibid of [{ibid.Value}], which deck.yaml does not define"));
            }
            else if (target.IbidOf is not null)
            {
                problems.Add(new DeckProblem(file, ibid.Line, $"footnote [{footnote.Value}] is an ibid of [{ibid.Value}], itself an ibid; point it at the original source"));
            }
        }

        return [.. byNumber.Keys];
    }

    private static void ValidateQuote(Located<string> quote, string file, string articleName, string normalisedArticle, ICollection<DeckProblem> problems)
    {
        var wanted = NormaliseWhitespace(quote.Value);
        if (normalisedArticle.Contains(wanted, StringComparison.Ordinal))
        {
            return;
        }

        // Point the author at where the quote stops matching: the longest opening of it the article contains.
        int low = 0, high = wanted.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (normalisedArticle.Contains(wanted[..middle], StringComparison.Ordinal))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var hint = low == 0
            ? "no part of its opening matches"
            : $"it matches up to \"{Tail(wanted[..low], 40)}\" and then differs";
        problems.Add(new DeckProblem(file, quote.Line, $"quote not found in {articleName}: {hint}"));
    }

    private static void ValidateCites(FactDraft fact, HashSet<int> footnotes, HashSet<int> cited, ICollection<DeckProblem> problems)
    {
        if (fact.Cites is not { CitesArticle: false } cites)
        {
            return;
        }

        var seen = new HashSet<int>();
        foreach (var footnote in cites.Footnotes)
        {
            if (!seen.Add(footnote.Value))
            {
                problems.Add(new DeckProblem(fact.File, footnote.Line, $"cites footnote [{footnote.Value}] twice"));
            }
            else if (footnotes.Contains(footnote.Value))
            {
                cited.Add(footnote.Value);
            }
            else
            {
                problems.Add(new DeckProblem(fact.File, footnote.Line, $"cites footnote [{footnote.Value}], which deck.yaml does not define"));
            }
        }
    }

    /// <summary>A fact cites what the article marks its quote with (see <see cref="ArticleFootnotes"/>).</summary>
    private static void ValidateCitesMatchMarkers(FactDraft fact, AllowedCites allowed, HashSet<int> footnotes, ICollection<DeckProblem> problems)
    {
        if (fact.Cites is not { } cites)
        {
            return;
        }

        if (cites.CitesArticle)
        {
            if (!allowed.ArticleAllowed)
            {
                problems.Add(new DeckProblem(fact.File, cites.Line, $"cites article, but the article marks this quote with {Markers(allowed.Marked)}: cite that footnote"));
            }

            return;
        }

        // Footnotes deck.yaml does not define are reported already.
        foreach (var footnote in cites.Footnotes.Where(f => footnotes.Contains(f.Value) && !allowed.Allows(f.Value)))
        {
            var why = (allowed.Marked.Count, allowed.Nearby.Count) switch
            {
                ( > 0, _) => $"the article marks this quote with {Markers(allowed.Marked)}",
                (_, > 0) => $"this quote comes after its paragraph's last marker {Markers(allowed.Nearby)} (cite that, or 'article')",
                _ => "the article gives this quote no footnote: write 'cites: article'",
            };
            problems.Add(new DeckProblem(fact.File, footnote.Line, $"cites footnote [{footnote.Value}], but {why}"));
        }
    }

    private static string Markers(IEnumerable<int> footnotes) => string.Join(" or ", footnotes.Select(f => $"[{f}]"));

    private static void ValidateFactParts(FactDraft fact, ICollection<DeckProblem> problems)
    {
        if (fact.Topics is { Count: 0 })
        {
            problems.Add(new DeckProblem(fact.File, fact.Line, "a fact needs at least one topic"));
        }

        foreach (var side in new[] { fact.Card?.Front, fact.Card?.Back })
        {
            if (side is { } text && text.Value.Length > MaxCardSideLength)
            {
                problems.Add(new DeckProblem(fact.File, text.Line, TooLong("card text", text.Value.Length, MaxCardSideLength)));
            }
        }
    }

    private static void ValidateQuestion(QuestionDraft question, string file, ICollection<DeckProblem> problems)
    {
        void Report(int line, string message) => problems.Add(new DeckProblem(file, line, message));

        if (question.Prompt is { } prompt && prompt.Value.Length > MaxPromptLength)
        {
            Report(prompt.Line, TooLong("prompt", prompt.Value.Length, MaxPromptLength));
        }

        if (question.Explanation is null)
        {
            Report(question.Line, "a question needs an 'explanation' (shown after the answer)");
        }

        if (question.Kind is not { } kind)
        {
            return;
        }

        var kindName = QuestionKindNames.Name(kind.Value);
        switch (kind.Value)
        {
            case QuestionKind.MultipleChoice:
                ValidateChoices(question, file, problems);
                break;
            case QuestionKind.TrueFalse:
                if (question.Answer is not { IsBoolean: true })
                {
                    Report(question.Answer?.Line ?? question.Line, "a true-false question needs 'answer: true' or 'answer: false' (a YAML boolean, not quoted text)");
                }

                break;
            default:
                if (question.Answer is null)
                {
                    Report(question.Line, $"a {kindName} question needs an 'answer'");
                }

                if (kind.Value == QuestionKind.FillBlank && question.Prompt is { } blankPrompt && !blankPrompt.Value.Contains("____", StringComparison.Ordinal))
                {
                    Report(blankPrompt.Line, "a fill-blank prompt needs ____ (four underscores) where the blank is");
                }

                break;
        }
    }

    private static void ValidateChoices(QuestionDraft question, string file, ICollection<DeckProblem> problems)
    {
        if (question.Answer is not { } answer)
        {
            problems.Add(new DeckProblem(file, question.Line, "a multiple-choice question needs an 'answer'"));
            return;
        }

        if (question.Distractors.Count == 0)
        {
            problems.Add(new DeckProblem(file, question.Line, "a multiple-choice question needs at least one distractor (two choices); three is usual"));
        }

        var choices = new List<Located<string>> { new(answer.Text, answer.Line) };
        choices.AddRange(question.Distractors);
        if (choices.Count > MaxChoices)
        {
            problems.Add(new DeckProblem(file, question.Line, string.Create(
                CultureInfo.InvariantCulture, $"a multiple-choice question has {choices.Count} choices (the answer and its distractors); the limit is {MaxChoices}, one button each")));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { answer.Text.Trim() };
        foreach (var choice in choices)
        {
            if (choice.Value.Length > MaxChoiceLength)
            {
                problems.Add(new DeckProblem(file, choice.Line, TooLong("a choice", choice.Value.Length, MaxChoiceLength)));
            }
        }

        foreach (var distractor in question.Distractors)
        {
            if (string.Equals(distractor.Value.Trim(), answer.Text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new DeckProblem(file, distractor.Line, $"the answer '{answer.Text}' is also listed as a distractor"));
            }
            else if (!seen.Add(distractor.Value.Trim()))
            {
                problems.Add(new DeckProblem(file, distractor.Line, $"duplicate choice '{distractor.Value}'"));
            }
        }
    }

    private static string TooLong(string what, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is {length:N0} characters long; the limit is {limit:N0}");

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    /// <summary>Remembers where each id was first used and reports later uses.</summary>
    private sealed class UniqueIds(string what, ICollection<DeckProblem> problems, bool acrossDecks = false)
    {
        private readonly Dictionary<string, (string File, int Line)> _first = new(StringComparer.Ordinal);

        public void Add(string id, string file, int line)
        {
            if (_first.TryAdd(id, (file, line)))
            {
                return;
            }

            var (firstFile, firstLine) = _first[id];
            var scope = acrossDecks ? " in another deck" : string.Empty;
            problems.Add(new DeckProblem(file, line, $"duplicate {what} id '{id}' (first used{scope} at {firstFile}:{firstLine})"));
        }
    }
}
