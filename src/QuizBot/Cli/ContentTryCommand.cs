using System.CommandLine;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Cli;

/// <summary>
/// `quizbot content try &lt;question-id&gt; "&lt;answer&gt;"`: judges one answer to one question of the decks as the bot
/// would and says why. Exit 0 when right, 1 when wrong, 2 when no question has that id.
/// </summary>
internal static class ContentTryCommand
{
    public const int Right = 0;
    public const int Wrong = 1;
    public const int UnknownQuestion = 2;

    public static Command Create(string? workingDirectory)
    {
        var questionId = new Argument<string>("question-id") { Description = "The question's id, e.g. kant-airbase-typed1 (content export --format json lists them)." };
        var answer = new Argument<string>("answer") { Description = "The answer as a student would type it (for a choice, the choice's text; for true/false, true or false)." };
        var deck = ContentCommand.DeckOption();
        var contentDir = ContentCommand.ContentOption();
        var command = new Command("try", "Judge one answer to one question and print the verdict and why: exit 0 right, 1 wrong, 2 unknown question.")
        {
            questionId,
            answer,
            deck,
            contentDir,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var result = ContentCommand.Load(parse.GetValue(deck), parse.GetValue(contentDir));
            var id = parse.GetValue(questionId)!;
            var questions = result.Decks.SelectMany(d => d.Questions).ToList();
            var question = questions.FirstOrDefault(q => q.Id == id);
            if (question is null)
            {
                var suggestion = ClosestId(id, questions.Select(q => q.Id));
                error.WriteLine(suggestion is null ? $"no question has the id '{id}'" : $"no question has the id '{id}'; did you mean '{suggestion}'?");
                if (!result.IsValid)
                {
                    ContentCommand.ReportProblems(result, error, workingDirectory);
                }

                return UnknownQuestion;
            }

            if (!result.IsValid)
            {
                error.WriteLine($"note: the decks have {result.Problems.Count} problem(s); run `quizbot content check`");
            }

            var verdict = Judge(question, parse.GetValue(answer) ?? string.Empty);
            output.WriteLine($"question: {question.Prompt}");
            output.WriteLine($"answer: {verdict.CanonicalAnswer}");
            if (question.Accepted.Count > 0)
            {
                output.WriteLine($"also accepted: {string.Join(", ", question.Accepted)}");
            }

            output.WriteLine(verdict.IsCorrect ? $"right: {Why(verdict.Match)}" : $"wrong: {Why(verdict.Match)}");
            return verdict.IsCorrect ? Right : Wrong;
        });
        return command;
    }

    /// <summary>Typed and fill-blank answers go through the judge; a choice is right when its text is the right choice's.</summary>
    private static AnswerVerdict Judge(Question question, string typed)
    {
        if (question.Kind is QuestionKind.Typed or QuestionKind.FillBlank)
        {
            return AnswerJudge.JudgeTyped(question, typed);
        }

        var given = AnswerNormalizer.Normalize(typed);
        if (given.Length == 0)
        {
            return new AnswerVerdict(AnswerMatch.Empty, question.Answer);
        }

        var labels = question.Kind == QuestionKind.TrueFalse ? ["true", "false"] : question.Choices.Select(AnswerNormalizer.Normalize).ToList();
        var chosen = labels.IndexOf(given);
        if (chosen < 0)
        {
            return new AnswerVerdict(AnswerMatch.InvalidChoice, question.Answer);
        }

        var order = Enumerable.Range(0, labels.Count).ToList();
        return AnswerJudge.JudgeChoice(question, order, chosen);
    }

    private static string Why(AnswerMatch match) => match switch
    {
        AnswerMatch.Exact => "exact",
        AnswerMatch.Alias => "an accepted answer",
        AnswerMatch.Typo => "a forgiven typo",
        AnswerMatch.Parenthetical => "rule: name with its acronym in brackets",
        AnswerMatch.DottedAcronym => "rule: acronym with dots",
        AnswerMatch.LeadingPreposition => "rule: leading preposition",
        AnswerMatch.DateForm => "rule: fuller date the question confirms",
        AnswerMatch.PersonName => "rule: title or first name",
        AnswerMatch.Possessive => "rule: possessive form",
        AnswerMatch.Empty => "nothing typed",
        AnswerMatch.InvalidChoice => "not one of the choices",
        _ => "no match",
    };

    private static string? ClosestId(string id, IEnumerable<string> ids)
    {
        var best = ids
            .Select(candidate => (Id: candidate, Distance: EditDistance.OptimalStringAlignment(id, candidate)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        // A suggestion only when it is plausibly what was meant: a few edits, or the typed id is its beginning.
        return best.Id is not null && (best.Distance <= Math.Max(3, id.Length / 4) || best.Id.StartsWith(id, StringComparison.Ordinal)) ? best.Id : null;
    }
}
