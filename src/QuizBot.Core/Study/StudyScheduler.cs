using QuizBot.Core.Decks;

namespace QuizBot.Core.Study;

/// <summary>How much study there is: cards due now, new cards still allowed today, reviews done today.</summary>
public sealed record StudyCounts(int DueNow, int NewAvailableToday, int DoneToday);

/// <summary>
/// The order of study right now: due cards (earliest due first), then the new cards allowed today (in deck
/// order). <see cref="NextDueAt"/> says when something will be due when nothing is now.
/// </summary>
public sealed record StudyQueue(IReadOnlyList<string> DueCardIds, IReadOnlyList<string> NewCardIds, StudyCounts Counts, DateTimeOffset? NextDueAt)
{
    public string? NextCardId => DueCardIds.Count > 0 ? DueCardIds[0] : NewCardIds.Count > 0 ? NewCardIds[0] : null;
}

/// <summary>
/// Decides what to study, purely from the deck's cards, the player's card states and review log, and the time.
/// Days are UTC days. The new-card limit counts first reviews of new cards today, across all topics.
/// </summary>
public static class StudyScheduler
{
    public const int DefaultNewCardsPerDay = 10;

    /// <summary>The deck's facts (one card each), restricted to a topic unless it is null; null for an unknown topic.</summary>
    public static IReadOnlyList<Fact>? CardsOn(Deck deck, string? topic, out string? canonicalTopic)
    {
        ArgumentNullException.ThrowIfNull(deck);
        canonicalTopic = null;
        if (string.IsNullOrWhiteSpace(topic))
        {
            return deck.Facts;
        }

        canonicalTopic = deck.Topics.FirstOrDefault(t => string.Equals(t, topic.Trim(), StringComparison.OrdinalIgnoreCase));
        var chosen = canonicalTopic;
        return chosen is null ? null : deck.Facts.Where(f => f.Topics.Contains(chosen, StringComparer.Ordinal)).ToList();
    }

    public static StudyQueue Build(
        IReadOnlyList<Fact> cards,
        IReadOnlyDictionary<string, CardState> states,
        IReadOnlyList<ReviewLogEntry> reviewLog,
        DateTimeOffset now,
        int newCardsPerDay = DefaultNewCardsPerDay)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(reviewLog);

        var today = StartOfUtcDay(now);
        var tomorrow = today.AddDays(1);
        var reviewsToday = reviewLog.Where(r => r.ReviewedAt >= today && r.ReviewedAt < tomorrow).ToList();
        var newStartedToday = reviewsToday.Count(r => r.PhaseBefore == CardPhase.New);
        var allowance = Math.Max(0, newCardsPerDay - newStartedToday);

        var started = cards
            .Select(f => states.GetValueOrDefault(f.Id))
            .OfType<CardState>()
            .Where(s => s.Phase != CardPhase.New)
            .ToList();
        var due = started
            .Where(s => s.Due <= now)
            .OrderBy(s => s.Due)
            .ThenBy(s => s.CardId, StringComparer.Ordinal)
            .Select(s => s.CardId)
            .ToList();
        var unseen = cards
            .Where(f => states.GetValueOrDefault(f.Id) is not { Phase: not CardPhase.New })
            .Select(f => f.Id)
            .ToList();
        var newToday = unseen.Take(allowance).ToList();

        DateTimeOffset? nextDueAt = null;
        if (due.Count == 0 && newToday.Count == 0)
        {
            var nextReview = started.Where(s => s.Due > now).Select(s => (DateTimeOffset?)s.Due).Min();
            DateTimeOffset? nextNew = unseen.Count > 0 ? tomorrow : null;
            nextDueAt = (nextReview, nextNew) switch
            {
                ({ } r, { } n) => r < n ? r : n,
                ({ } r, null) => r,
                (null, var n) => n,
            };
        }

        return new StudyQueue(due, newToday, new StudyCounts(due.Count, newToday.Count, reviewsToday.Count), nextDueAt);
    }

    public static DateTimeOffset StartOfUtcDay(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);
}
