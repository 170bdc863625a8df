using QuizBot.Core.Decks;

namespace QuizBot.Core;

/// <summary>The sources a fact cites, resolved from its deck, so every reveal can carry them.</summary>
public static class FactSources
{
    /// <summary>The fact's sources in the order it cites them; empty when it cites the article itself.</summary>
    public static IReadOnlyList<Source> Of(Deck deck, Fact fact)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Cites
            .Select(n => deck.Sources.FirstOrDefault(s => s.Footnote == n))
            .OfType<Source>()
            .ToList();
    }
}
