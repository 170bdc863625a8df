using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Catalog;

/// <summary>How a topic the member typed was understood.</summary>
public abstract record TopicChoice
{
    private TopicChoice()
    {
    }

    /// <summary>No topic (the default deck, every topic) or a known one, with the deck that has it.</summary>
    public sealed record Resolved(Deck Deck, string? Topic) : TopicChoice;

    /// <summary>
    /// No deck has the topic. <see cref="Given"/> is what was typed, cut to <see cref="DeckCatalog.MaxTopicLength"/>;
    /// <see cref="Suggestions"/> are the nearest known topics (closest first), <see cref="Known"/> every topic of every deck.
    /// </summary>
    public sealed record Unknown(string Given, IReadOnlyList<string> Suggestions, IReadOnlyList<string> Known) : TopicChoice;
}

/// <summary>
/// The decks the bot serves. The first is the default; a topic picks the deck that has it. Every feature service
/// resolves its deck and topic here, once, so an unknown topic is answered the same way everywhere.
/// </summary>
public sealed class DeckCatalog
{
    /// <summary>The longest topic worth reading: longer input is cut before it is compared or echoed.</summary>
    public const int MaxTopicLength = 100;

    private const int MaxSuggestions = 3;

    private readonly Dictionary<string, Deck> byId;

    public DeckCatalog(IReadOnlyList<Deck> decks)
    {
        ArgumentNullException.ThrowIfNull(decks);
        if (decks.Count == 0)
        {
            throw new ArgumentException("The bot needs at least one deck.", nameof(decks));
        }

        Decks = decks;
        byId = decks.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Topics = decks.SelectMany(d => d.Topics).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Deck> Decks { get; }

    public Deck Default => Decks[0];

    /// <summary>Every topic of every deck, sorted.</summary>
    public IReadOnlyList<string> Topics { get; }

    public static DeckCatalog Of(Deck deck) => new([deck]);

    public Deck? Find(string deckId) => byId.GetValueOrDefault(deckId);

    /// <summary>The deck for <paramref name="topic"/> (case-insensitive; null or blank for the default deck), or why there is none.</summary>
    public TopicChoice Resolve(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return new TopicChoice.Resolved(Default, null);
        }

        var given = Cut(topic.Trim());
        foreach (var deck in Decks)
        {
            if (deck.Topics.FirstOrDefault(t => string.Equals(t, given, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                return new TopicChoice.Resolved(deck, known);
            }
        }

        return new TopicChoice.Unknown(given, Suggest(given), Topics);
    }

    /// <summary>Known topics near what was typed: a typo away (a third of the length), or containing it, or contained in it.</summary>
    public IReadOnlyList<string> Suggest(string typed)
    {
        var text = Cut((typed ?? "").Trim()).ToLowerInvariant();
        if (text.Length == 0)
        {
            return [];
        }

        var limit = Math.Max(1, text.Length / 3);
        return Topics
            .Select(topic => (topic, lower: topic.ToLowerInvariant()))
            .Select(t => (t.topic, distance: t.lower.Contains(text, StringComparison.Ordinal) || (text.Length >= 4 && text.Contains(t.lower, StringComparison.Ordinal))
                ? 0
                : EditDistance.OptimalStringAlignment(t.lower, text, limit)))
            .Where(t => t.distance <= limit)
            .OrderBy(t => t.distance)
            .ThenBy(t => t.topic, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(t => t.topic)
            .ToList();
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxTopicLength)
        {
            return text;
        }

        // Never split a surrogate pair.
        var end = char.IsHighSurrogate(text[MaxTopicLength - 1]) ? MaxTopicLength - 1 : MaxTopicLength;
        return text[..end];
    }
}
