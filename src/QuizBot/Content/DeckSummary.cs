using System.Globalization;
using QuizBot.Core.Decks;

namespace QuizBot.Content;

/// <summary>The author's overview of a deck printed by <c>quizbot content check</c>: what it holds and what it cites.</summary>
internal static class DeckSummary
{
    public static void Write(Deck deck, TextWriter output)
    {
        var questions = deck.Questions.ToList();
        var perKind = QuestionKindNames.All.Select(kind => $"{QuestionKindNames.Name(kind)} {questions.Count(q => q.Kind == kind)}");
        var perTopic = deck.Topics.Select(topic => $"{topic} {deck.Facts.Count(f => f.Topics.Contains(topic, StringComparer.Ordinal))}");
        var perFootnote = deck.Sources
            .Select(source => $"[{source.Footnote}] {deck.Facts.Count(f => f.Cites.Contains(source.Footnote))}")
            .Append($"article itself {deck.Facts.Count(f => f.CitesArticleItself)}");

        output.WriteLine($"{deck.Id}: {deck.Title}");
        output.WriteLine(Line("facts", deck.Facts.Count, string.Empty));
        output.WriteLine(Line("questions", questions.Count, $" ({string.Join(", ", perKind)})"));
        output.WriteLine(Line("cards", deck.Facts.Count, string.Empty));
        output.WriteLine(Line("topics", deck.Topics.Count, $" ({string.Join(", ", perTopic)})"));
        output.WriteLine($"  facts citing: {string.Join(", ", perFootnote)}");
    }

    private static string Line(string label, int count, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"  {label}: {count}{detail}");
}
