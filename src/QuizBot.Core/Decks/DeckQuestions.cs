using System.Runtime.CompilerServices;

namespace QuizBot.Core.Decks;

/// <summary>
/// A loaded deck's questions by id, with their facts. Every press of a quiz looks its question up several times;
/// built once per deck (by reference, like <see cref="CitationFormatter"/>), so none of them scans the deck.
/// </summary>
internal sealed class DeckQuestions
{
    private static readonly ConditionalWeakTable<Deck, DeckQuestions> ByDeck = new();

    private readonly Dictionary<string, (Question Question, Fact? Fact)> byId = new(StringComparer.Ordinal);

    private DeckQuestions(Deck deck)
    {
        var facts = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var fact in deck.Facts)
        {
            facts.TryAdd(fact.Id, fact);
        }

        // First wins, as a scan in deck order finds them; a question whose fact is missing is not found.
        foreach (var question in deck.Questions)
        {
            byId.TryAdd(question.Id, (question, facts.GetValueOrDefault(question.FactId)));
        }
    }

    public static DeckQuestions For(Deck deck) => ByDeck.GetValue(deck, d => new DeckQuestions(d));

    public (Question Question, Fact Fact)? Find(string questionId) =>
        byId.TryGetValue(questionId, out var found) && found.Fact is { } fact ? (found.Question, fact) : null;
}
