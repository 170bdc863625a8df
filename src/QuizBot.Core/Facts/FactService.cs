using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;

namespace QuizBot.Core.Facts;

/// <summary>What /fact shows: a fact with its citations, or why there is none.</summary>
public abstract record FactOutcome
{
    private FactOutcome()
    {
    }

    /// <summary>The fact picked from <see cref="Deck"/>, with the citations it is shown with.</summary>
    public sealed record Shown(Deck Deck, Fact Fact, IReadOnlyList<Citation> Citations) : FactOutcome;

    /// <summary>No deck has the topic asked for; nothing is shown.</summary>
    public sealed record UnknownTopic(TopicChoice.Unknown Choice) : FactOutcome;
}

/// <summary>
/// /fact: one fact of the default deck, or of the deck and topic asked for, with its citations. Different members,
/// and the same member each minute, get different facts; the pick is reproducible (the same in every process).
/// </summary>
public sealed class FactService(DeckCatalog decks, TimeProvider time)
{
    public FactOutcome Pick(string userId, string? topic)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var choice = decks.Resolve(topic);
        if (choice is not TopicChoice.Resolved { Deck: var deck, Topic: var known })
        {
            return new FactOutcome.UnknownTopic((TopicChoice.Unknown)choice);
        }

        // A deck's topics are its facts' topics, so a resolved topic always has at least one fact.
        var facts = known is null ? deck.Facts : deck.Facts.Where(f => f.Topics.Contains(known, StringComparer.Ordinal)).ToList();
        var minute = (int)(time.GetUtcNow().ToUnixTimeSeconds() / 60);
        var fact = facts[StableSeed.Of(userId, minute) % facts.Count];
        return new FactOutcome.Shown(deck, fact, CitationFormatter.For(deck).Cite(fact));
    }
}
