using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;

namespace QuizBot.Content;

/// <summary>
/// The decks the bot serves, loaded once at start; citations come from each deck's shared formatter. Commands without a
/// topic use the first deck; a topic picks the deck that has it.
/// </summary>
public sealed class DeckLibrary
{
    public DeckLibrary(IReadOnlyList<Deck> decks)
    {
        Catalog = new DeckCatalog(decks);
    }

    /// <summary>The same decks as the Core services see them (topic resolution, "did you mean").</summary>
    public DeckCatalog Catalog { get; }

    public IReadOnlyList<Deck> Decks => Catalog.Decks;

    public Deck Default => Catalog.Default;

    /// <summary>Every topic of every deck, sorted.</summary>
    public IReadOnlyList<string> Topics => Catalog.Topics;

    public Deck? Find(string deckId) => Catalog.Find(deckId);

    /// <summary>The deck that has <paramref name="topic"/> (case-insensitive), the default deck for no topic, or null for an unknown topic.</summary>
    public Deck? ForTopic(string? topic) =>
        string.IsNullOrWhiteSpace(topic)
            ? Default
            : Decks.FirstOrDefault(d => d.Topics.Contains(topic.Trim(), StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<Citation> Cite(Deck deck, Fact fact)
    {
        ArgumentNullException.ThrowIfNull(deck);
        return CitationFormatter.For(deck).Cite(fact);
    }

    /// <summary>Up to <paramref name="max"/> topics containing what the user typed, those starting with it first.</summary>
    public IReadOnlyList<string> MatchTopics(string typed, int max = 25)
    {
        var text = (typed ?? "").Trim();
        return Topics
            .Where(t => t.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(t => t, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }
}
