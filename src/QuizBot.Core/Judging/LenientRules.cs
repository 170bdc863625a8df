using System.Text.RegularExpressions;
using QuizBot.Core.Decks;

namespace QuizBot.Core.Judging;

/// <summary>
/// The forms of a right answer that students type and an exact comparison misses. Each rule removes or reads
/// one well-defined addition (brackets, dots, a leading preposition, a fuller date, a title or first name, a
/// possessive) and then still demands the answer itself, exactly or within the typo allowance; nothing here
/// accepts a different number, a different name or part of a word. Where the extra part carries information
/// (a month, a day, a first name), the question itself must confirm it.
/// </summary>
internal static partial class LenientRules
{
    // Prepositions fine before any date or place; others only when the prompt uses them ("From which country").
    private static readonly string[] AlwaysPrepositions = ["in", "on", "at", "during"];
    private static readonly string[] EchoedPrepositions = ["from", "to", "with", "through", "within", "by", "over", "for", "under"];
    private static readonly string[] LeadingArticles = ["the", "a", "an"];
    private static readonly string[] SmallWords = ["of", "and", "the", "for", "in", "on", "at", "to"];
    private static readonly string[] Titles = ["president", "pres", "mr", "mister", "dr", "general", "gen", "premier", "prime", "minister", "chancellor", "sir"];
    private static readonly string[] PersonWords = ["who", "whom", "president", "leader", "minister", "premier", "chancellor"];

    // Adjectives of the countries a deck about this region names, for "whose territory?" → "Kyrgyz territory".
    private static readonly Dictionary<string, string> Demonyms = new(StringComparer.Ordinal)
    {
        ["kyrgyzstan"] = "kyrgyz",
        ["kyrgyz republic"] = "kyrgyz",
        ["kazakhstan"] = "kazakh",
        ["tajikistan"] = "tajik",
        ["uzbekistan"] = "uzbek",
        ["turkmenistan"] = "turkmen",
        ["afghanistan"] = "afghan",
        ["russia"] = "russian",
        ["russian federation"] = "russian",
        ["ukraine"] = "ukrainian",
        ["china"] = "chinese",
        ["belarus"] = "belarusian",
        ["armenia"] = "armenian",
    };

    public static AnswerMatch? Find(Question question, string typed, string given, IReadOnlyList<string> targets)
    {
        var context = new Context(question, targets);
        if (Bracketed(typed, given, context) is { } bracketed)
        {
            return bracketed;
        }

        var match = Read(given, context, plain: false);
        if (match is not null)
        {
            return match;
        }

        // "in 2012", "in the Kyrgyz Republic", "from Afghanistan" when asked "From which country".
        var words = given.Split(' ');
        if (words.Length > 1 && (AlwaysPrepositions.Contains(words[0]) || (EchoedPrepositions.Contains(words[0]) && context.PromptWords.Contains(words[0]))))
        {
            var rest = WithoutLeadingArticle(words[1..]);
            return Read(rest, context, plain: true) switch
            {
                AnswerMatch.Exact => AnswerMatch.LeadingPreposition,
                var other => other,
            };
        }

        return null;
    }

    /// <summary>The rules that read a whole form; <paramref name="plain"/> also tries the form as it is against the dated or proper answers.</summary>
    private static AnswerMatch? Read(string form, Context context, bool plain)
    {
        if (plain && context.Match(form, context.ProperTargets) is { } direct)
        {
            return direct;
        }

        var collapsed = CollapseLetters(form);
        if (collapsed != form && context.Targets.Select(CollapseLetters).Contains(collapsed, StringComparer.Ordinal))
        {
            return AnswerMatch.DottedAcronym;
        }

        return Date(form, context) ?? Person(form, context) ?? Possessive(form, context);
    }

    /// <summary>"CSTO (Collective Security Treaty Organization)" and the other way round: both parts right, or one right and the other its initials.</summary>
    private static AnswerMatch? Bracketed(string typed, string given, Context context)
    {
        // One part of a bracketed answer alone ("CSTO" for "Collective Security Treaty Organization (CSTO)").
        if (context.Match(given, context.BracketParts) is { } part)
        {
            return part == AnswerMatch.Exact ? AnswerMatch.Parenthetical : part;
        }

        var brackets = Brackets().Match(typed);
        if (!brackets.Success)
        {
            return null;
        }

        var outer = CollapseLetters(AnswerNormalizer.Normalize(brackets.Groups["outer"].Value));
        var inner = CollapseLetters(AnswerNormalizer.Normalize(brackets.Groups["inner"].Value));
        var all = context.Targets.Concat(context.BracketParts).Select(CollapseLetters).ToList();
        var outerRight = context.Match(outer, all);
        var innerRight = context.Match(inner, all);
        var right = (outerRight, innerRight) switch
        {
            (not null, not null) => true,
            (not null, null) => inner == Initials(outer),
            (null, not null) => outer == Initials(inner),
            _ => false,
        };
        if (!right)
        {
            return null;
        }

        return outerRight == AnswerMatch.Typo || innerRight == AnswerMatch.Typo ? AnswerMatch.Typo : AnswerMatch.Parenthetical;
    }

    /// <summary>A date at least as precise as the answer, equal on every part the answer gives; any extra part must be the one date the question mentions.</summary>
    private static AnswerMatch? Date(string form, Context context)
    {
        if (DateParts.Parse(form) is not { } typed)
        {
            return null;
        }

        var mentions = DateParts.Mentions(context.DateText);
        foreach (var target in context.Targets)
        {
            if (DateParts.Parse(target) is not { } answer
                || !Agrees(answer.Year, typed.Year, mentions.Years)
                || !Agrees(answer.Month, typed.Month, mentions.Months))
            {
                continue;
            }

            // An added day must be the day the question gives for that very month.
            var dayRight = answer.Day is { } day
                ? typed.Day == day
                : typed.Day is not { } extraDay || (mentions.Days.Contains((typed.Month!.Value, extraDay)) && mentions.Months.Count == 1);
            if (dayRight)
            {
                return AnswerMatch.DateForm;
            }
        }

        return null;

        // The answer's part must be typed as it is; a part the answer lacks may be typed if the question names just that one.
        static bool Agrees(int? answerPart, int? typedPart, HashSet<int> mentioned) => answerPart is { } wanted
            ? typedPart == wanted
            : typedPart is not { } extra || (mentioned.Count == 1 && mentioned.Contains(extra));
    }

    /// <summary>"President Putin", "Vladimir Putin", "V. Putin" for a question about a person, where the question confirms the first name.</summary>
    private static AnswerMatch? Person(string form, Context context)
    {
        if (!context.AsksForPerson)
        {
            return null;
        }

        var words = form.Split(' ');
        var titles = 0;
        while (titles < words.Length - 1 && Titles.Contains(words[titles]))
        {
            titles++;
        }

        var name = words[titles..];
        var nameText = string.Join(' ', name);
        if (titles > 0)
        {
            if (context.Match(nameText, context.ProperTargets) is { } titled)
            {
                return titled == AnswerMatch.Exact ? AnswerMatch.PersonName : titled;
            }

            // A title shows a person is meant: the surname of a full-name answer is enough ("President Putin").
            if (name.Length == 1 && context.ProperTargets.Any(t => t.Contains(' ', StringComparison.Ordinal) && t.EndsWith(" " + nameText, StringComparison.Ordinal)))
            {
                return AnswerMatch.PersonName;
            }
        }

        // First names or initials before a right surname, as the question itself writes them.
        for (var k = 1; k < name.Length; k++)
        {
            var surname = string.Join(' ', name[k..]);
            if (context.ProperTargets.Contains(surname, StringComparer.Ordinal) && context.Names(name[..k], surname))
            {
                return AnswerMatch.PersonName;
            }
        }

        return null;
    }

    /// <summary>"Kyrgyzstan's", "the Kyrgyz Republic's", "Kyrgyz territory" when the prompt asks "whose territory"; "Kremlin" for "The Kremlin's".</summary>
    private static AnswerMatch? Possessive(string form, Context context)
    {
        if (context.WhoseNoun is not { } noun)
        {
            return null;
        }

        var stems = context.Targets.Select(t => t.EndsWith(" s", StringComparison.Ordinal) ? t[..^2] : t).Distinct().ToList();
        var suffixes = noun.Length > 0 ? new[] { " s", " s " + noun } : [" s"];
        foreach (var suffix in suffixes)
        {
            if (form.EndsWith(suffix, StringComparison.Ordinal) && context.Match(form[..^suffix.Length], stems) is { } owner)
            {
                return owner == AnswerMatch.Exact ? AnswerMatch.Possessive : owner;
            }
        }

        // "Kremlin" for "The Kremlin's", and the country's adjective, alone or before the prompt's noun.
        if (stems.Contains(form, StringComparer.Ordinal))
        {
            return AnswerMatch.Possessive;
        }

        // The adjective names no owner on its own: only before the noun the prompt asks about.
        var adjectives = stems.Select(s => Demonyms.GetValueOrDefault(s)).OfType<string>();
        return noun.Length > 0 && adjectives.Any(a => form == a + " " + noun) ? AnswerMatch.Possessive : null;
    }

    private static string WithoutLeadingArticle(string[] words) =>
        string.Join(' ', words.Length > 1 && LeadingArticles.Contains(words[0]) ? words[1..] : words);

    /// <summary>Joins runs of two or more single letters: "c s t o" (typed "C.S.T.O.") becomes "csto".</summary>
    private static string CollapseLetters(string normalised) => LetterRun().Replace(normalised, m => m.Value.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>First letters of the words that count in an acronym: "collective security treaty organization" → "csto".</summary>
    private static string Initials(string normalised) =>
        string.Concat(normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !SmallWords.Contains(w)).Select(w => w[0]));

    [GeneratedRegex(@"^(?<outer>[^()]+)\((?<inner>[^()]+)\)\s*[.!]?\s*$")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b[a-z](?: [a-z]\b)+")]
    private static partial Regex LetterRun();

    /// <summary>What the rules need to know about one question, worked out once per judgement.</summary>
    private sealed class Context
    {
        public Context(Question question, IReadOnlyList<string> targets)
        {
            Targets = targets;
            var raw = question.Accepted.Prepend(question.Answer).ToList();
            ProperTargets = raw.Where(IsDateOrProper).Select(AnswerNormalizer.Normalize).Where(t => t.Length > 0).ToList();
            BracketParts = raw.Select(r => Brackets().Match(r)).Where(m => m.Success)
                .SelectMany(m => new[] { m.Groups["outer"].Value, m.Groups["inner"].Value })
                .Select(AnswerNormalizer.Normalize)
                .ToList();
            var prompt = AnswerNormalizer.Normalize(question.Prompt);
            PromptWords = [.. prompt.Split(' ')];
            // A fill-blank prompt reads whole with its answer in the blank ("Kyrgyz President Sadyr Japarov").
            var filled = question.Kind == QuestionKind.FillBlank ? question.Prompt.Replace("____", question.Answer, StringComparison.Ordinal) : question.Prompt;
            DateText = string.Join(' ', raw.Prepend(filled).Select(AnswerNormalizer.Normalize));
            Text = " " + string.Join(' ', new[] { filled, question.Explanation }.Concat(raw).Select(AnswerNormalizer.Normalize)) + " ";
            AsksForPerson = PersonWords.Any(PromptWords.Contains);
            var whose = Whose().Match(prompt);
            WhoseNoun = whose.Success ? whose.Groups["noun"].Value : null;
        }

        public IReadOnlyList<string> Targets { get; }

        /// <summary>The targets that are dates or proper names (capitalised, or a number): the ones a preposition or title may precede.</summary>
        public IReadOnlyList<string> ProperTargets { get; }

        public IReadOnlyList<string> BracketParts { get; }

        public HashSet<string> PromptWords { get; }

        /// <summary>Prompt, explanation and every accepted answer, normalised, with a space at each end: where first names are confirmed.</summary>
        public string Text { get; }

        /// <summary>Prompt and accepted answers only: the dates the question itself states (an explanation may date other things).</summary>
        public string DateText { get; }

        public bool AsksForPerson { get; }

        /// <summary>When the prompt asks "whose ...": the noun after "whose" (empty when none follows); else null.</summary>
        public string? WhoseNoun { get; }

        public AnswerMatch? Match(string form, IEnumerable<string> candidates)
        {
            if (form.Length == 0)
            {
                return null;
            }

            var list = candidates as IReadOnlyCollection<string> ?? candidates.ToList();
            if (list.Contains(form, StringComparer.Ordinal))
            {
                return AnswerMatch.Exact;
            }

            return list.Any(c => AnswerJudge.IsForgivableTypo(form, c)) ? AnswerMatch.Typo : null;
        }

        /// <summary>Whether the question writes these first names (or their initials) right before <paramref name="surname"/>.</summary>
        public bool Names(string[] firstNames, string surname)
        {
            var full = " " + string.Join(' ', firstNames) + " " + surname + " ";
            if (Text.Contains(full, StringComparison.Ordinal))
            {
                return true;
            }

            if (!firstNames.All(f => f.Length == 1))
            {
                return false;
            }

            // Initials: "v putin" when the question says "vladimir putin".
            var pattern = @" " + string.Concat(firstNames.Select(f => Regex.Escape(f) + @"[a-z]* ")) + Regex.Escape(surname) + " ";
            return Regex.IsMatch(Text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        private static bool IsDateOrProper(string raw)
        {
            var text = raw.Trim();
            foreach (var article in new[] { "The ", "A ", "An " })
            {
                if (text.StartsWith(article, StringComparison.Ordinal))
                {
                    text = text[article.Length..];
                }
            }

            return text.Length > 0 && (char.IsUpper(text[0]) || char.IsDigit(text[0]) || DateParts.Parse(AnswerNormalizer.Normalize(text)) is not null);
        }
    }

    [GeneratedRegex(@"\bwhose(?: (?<noun>[a-z]+))?")]
    private static partial Regex Whose();
}
