using System.Globalization;
using System.Text.RegularExpressions;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Decks;

/// <summary>How strict the editorial warnings of <see cref="DeckWarnings"/> are.</summary>
/// <param name="MaxQuestionsPerAnswer">
/// More questions than this with one answer make that answer a safe guess (CSTO answering 11 of 220). Five
/// keeps a deck's main subject usable as an answer now and then.
/// </param>
public sealed record DeckCheckOptions(int MaxQuestionsPerAnswer = 5)
{
    public static DeckCheckOptions Default { get; } = new();
}

/// <summary>
/// What an editor flags but a deck can still ship with: an answer given away by its prompt, two prompts
/// nearly alike, a blank anyone fills without the article, an answer used so often it is a safe guess, and a
/// typed answer with an acronym or a title but nothing else accepted.
/// </summary>
internal static partial class DeckWarnings
{
    /// <summary>Prompts sharing this share of their words (the blank left out) count as nearly the same.</summary>
    public const double NearIdenticalShare = 0.8;

    private static readonly string[] TitleWords = ["President", "Prime Minister", "Minister", "General", "King", "Queen", "Mr", "Mrs", "Ms", "Dr", "Sir", "Chancellor"];

    public static void Check(DeckDraft deck, DeckCheckOptions options, ICollection<DeckProblem> warnings)
    {
        var questions = deck.Facts.SelectMany(f => f.Questions.Select(q => (Fact: f, Question: q))).ToList();
        foreach (var (fact, question) in questions)
        {
            AnswerInPrompt(fact.File, question, warnings);
            CommonWordBlank(fact.File, question, warnings);
            AcronymOrTitleWithoutAccept(fact.File, question, warnings);
        }

        NearIdenticalPrompts(questions, warnings);
        OverusedAnswers(questions, options.MaxQuestionsPerAnswer, warnings);
    }

    private static void AnswerInPrompt(string file, QuestionDraft question, ICollection<DeckProblem> warnings)
    {
        if (question.Kind?.Value == QuestionKind.TrueFalse || question.Prompt is not { } prompt || question.Answer is not { } answer)
        {
            return;
        }

        var promptText = " " + AnswerNormalizer.Normalize(prompt.Value) + " ";
        var given = new[] { new Located<string>(answer.Text, answer.Line) }.Concat(question.Accepted)
            .FirstOrDefault(a => AnswerNormalizer.Normalize(a.Value) is { Length: > 0 } n && promptText.Contains(" " + n + " ", StringComparison.Ordinal));
        if (given.Value is { } text)
        {
            var which = given.Line == answer.Line && text == answer.Text ? "the answer" : "the accepted answer";
            warnings.Add(new DeckProblem(file, prompt.Line, $"{which} '{text}' appears in its own prompt"));
        }
    }

    private static void CommonWordBlank(string file, QuestionDraft question, ICollection<DeckProblem> warnings)
    {
        if (question.Kind?.Value != QuestionKind.FillBlank || question.Answer is not { } answer)
        {
            return;
        }

        var word = AnswerNormalizer.Normalize(answer.Text);
        if (CommonWords.All.Contains(word))
        {
            warnings.Add(new DeckProblem(file, answer.Line, $"the blank is '{answer.Text}', a common word anyone can fill in without the article; blank a word only the article gives"));
        }
    }

    private static void AcronymOrTitleWithoutAccept(string file, QuestionDraft question, ICollection<DeckProblem> warnings)
    {
        if (question.Kind?.Value is not (QuestionKind.Typed or QuestionKind.FillBlank) || question.Answer is not { } answer || question.Accepted.Count > 0)
        {
            return;
        }

        var acronym = Acronym().Match(answer.Text);
        var title = TitleWords.FirstOrDefault(t => Regex.IsMatch(answer.Text, $@"\b{t}\b\.?\s", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        var what = acronym.Success ? $"an acronym ('{acronym.Value}')" : title is not null ? $"a title ('{title}')" : null;
        if (what is not null)
        {
            warnings.Add(new DeckProblem(file, answer.Line, $"the answer has {what} but no 'accept' list: accept the full name, the acronym or the name without its title"));
        }
    }

    private static void NearIdenticalPrompts(List<(FactDraft Fact, QuestionDraft Question)> questions, ICollection<DeckProblem> warnings)
    {
        var prompts = questions
            .Where(q => q.Question.Prompt is not null)
            .Select(q => (q.Fact.File, Prompt: q.Question.Prompt!.Value, Words: AnswerNormalizer.Normalize(q.Question.Prompt.Value.Value).Split(' ').ToHashSet(StringComparer.Ordinal)))
            .ToList();
        for (var i = 1; i < prompts.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var shared = prompts[i].Words.Intersect(prompts[j].Words).Count();
                var share = (double)shared / prompts[i].Words.Union(prompts[j].Words).Count();
                if (share >= NearIdenticalShare)
                {
                    var percent = (int)Math.Round(share * 100);
                    warnings.Add(new DeckProblem(prompts[i].File, prompts[i].Prompt.Line, string.Create(
                        CultureInfo.InvariantCulture,
                        $"prompt nearly repeats the prompt at {Where(prompts[j].File, prompts[j].Prompt.Line, prompts[i].File)} ({percent}% of words shared); make each question test something else")));
                    break;
                }
            }
        }
    }

    private static void OverusedAnswers(List<(FactDraft Fact, QuestionDraft Question)> questions, int limit, ICollection<DeckProblem> warnings)
    {
        var byAnswer = questions
            .Where(q => q.Question.Kind?.Value != QuestionKind.TrueFalse && q.Question.Answer is not null)
            .GroupBy(q => AnswerNormalizer.Normalize(q.Question.Answer!.Text), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0 && g.Count() > limit);
        foreach (var group in byAnswer)
        {
            var first = group.First();
            var over = group.ElementAt(limit);
            warnings.Add(new DeckProblem(over.Fact.File, over.Question.Answer!.Line, string.Create(
                CultureInfo.InvariantCulture,
                $"'{first.Question.Answer!.Text}' answers {group.Count()} questions of this deck (more than {limit}), a safe guess; first at {Where(first.Fact.File, first.Question.Answer.Line, over.Fact.File)}")));
        }
    }

    /// <summary>"line 12" in the same file, else the file within its deck folder ("facts/01-context.yaml:12").</summary>
    private static string Where(string file, int line, string from)
    {
        if (file == from)
        {
            return $"line {line}";
        }

        var slash = file.IndexOf('/', StringComparison.Ordinal);
        return $"{(slash >= 0 ? file[(slash + 1)..] : file)}:{line}";
    }

    [GeneratedRegex(@"\b[A-Z]{2,6}\b")]
    private static partial Regex Acronym();
}
