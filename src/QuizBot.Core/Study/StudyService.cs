using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;

namespace QuizBot.Core.Study;

/// <summary>Settings of flashcard study.</summary>
public sealed record StudyOptions
{
    public int NewCardsPerDay { get; init; } = StudyScheduler.DefaultNewCardsPerDay;

    public FsrsParameters Fsrs { get; init; } = FsrsParameters.Default;
}

/// <summary>One rating button: the rating, the interval it would give, its label ("10m", "3d") and the due time.</summary>
public sealed record RatingPreview(Rating Rating, TimeSpan Interval, string Label, DateTimeOffset Due);

/// <summary>
/// A card to study: the fact (front and back on <see cref="Fact.Card"/>), the citation lines of its back, the
/// current memory state, and a preview of each rating. <see cref="ShownVersion"/> goes with the rating buttons so
/// a repeated click, or a click on an older card, is recognised.
/// </summary>
public sealed record StudyCard(Fact Fact, IReadOnlyList<Citation> Citations, CardState State, bool IsNew, IReadOnlyList<RatingPreview> Previews, int ShownVersion)
{
    public string CardId => Fact.Id;

    public int Reps => State.Reps;
}

/// <summary>What a study screen shows.</summary>
public abstract record StudyScreen
{
    private StudyScreen()
    {
    }

    /// <summary>A card to study now.</summary>
    public sealed record Card(Deck Deck, StudyCard Current, StudyCounts Counts, string? Topic) : StudyScreen;

    /// <summary>Nothing is due and no new card is left for today; <see cref="NextDueAt"/> is null when the topic has no cards.</summary>
    public sealed record Done(Deck Deck, StudyCounts Counts, DateTimeOffset? NextDueAt, string? Topic) : StudyScreen;

    public sealed record UnknownTopic(TopicChoice.Unknown Topic) : StudyScreen;
}

/// <summary>The outcome of a rating.</summary>
public abstract record RateOutcome
{
    private RateOutcome()
    {
    }

    /// <summary>Rated and scheduled <see cref="Interval"/> ahead; <see cref="Next"/> is what to study now.</summary>
    public sealed record Rated(Rating Rating, TimeSpan Interval, StudyScreen Next) : RateOutcome;

    /// <summary>That card is no longer on screen (rated already, or another card was shown since); nothing changed. <see cref="Current"/> is what is on screen now.</summary>
    public sealed record AlreadyRated(StudyScreen Current) : RateOutcome;

    /// <summary>No such card in the deck, or not a rating; nothing changed.</summary>
    public sealed record UnknownCard : RateOutcome;
}

/// <summary>
/// Flashcard study for players: due reviews before new cards, a daily limit of new cards, an optional topic,
/// FSRS-6 scheduling, persisted through <see cref="IStudyStore"/>. Card id = fact id. Only the card the store has
/// on the player's screen can be rated, so a form or a forged button cannot rate an unshown card or skip the
/// new-card limit, and a double click rates once.
/// </summary>
public sealed class StudyService
{
    private readonly IStudyStore store;
    private readonly DeckCatalog decks;
    private readonly TimeProvider time;
    private readonly StudyOptions options;
    private readonly FsrsScheduler scheduler;

    public StudyService(IStudyStore store, DeckCatalog decks, TimeProvider time, StudyOptions? options = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.decks = decks ?? throw new ArgumentNullException(nameof(decks));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new StudyOptions();
        if (this.options.NewCardsPerDay < 0)
        {
            throw new ArgumentException("New cards per day cannot be negative.", nameof(options));
        }

        scheduler = new FsrsScheduler(this.options.Fsrs);
    }

    /// <summary>The next card to study on <paramref name="topic"/> (null for the default deck), put on the player's screen.</summary>
    public async Task<StudyScreen> NextAsync(PlayerKey player, string? topic, CancellationToken cancellationToken = default)
    {
        if (decks.Resolve(topic) is not TopicChoice.Resolved resolved)
        {
            return new StudyScreen.UnknownTopic((TopicChoice.Unknown)decks.Resolve(topic));
        }

        return await NextAsync(player, resolved.Deck, resolved.Topic, cancellationToken);
    }

    /// <summary>
    /// The back of the card on screen when <paramref name="cardId"/> at <paramref name="shownVersion"/> is still
    /// it; otherwise the front of whatever is current (a stale "Show answer" never reveals another card).
    /// </summary>
    public async Task<(StudyScreen Screen, bool ShowBack)> RevealAsync(
        PlayerKey player, string? topic, string cardId, int shownVersion, CancellationToken cancellationToken = default)
    {
        var shown = await store.GetShownAsync(player, cancellationToken);
        var screen = await NextAsync(player, topic, cancellationToken);
        var showBack = shown is not null && shown.CardId == cardId && shown.Version == shownVersion
            && screen is StudyScreen.Card { Current: var card } && card.CardId == cardId && card.ShownVersion == shownVersion;
        return (screen, showBack);
    }

    /// <summary>Rates the card on screen and schedules it, then shows the next one.</summary>
    public async Task<RateOutcome> RateAsync(
        PlayerKey player, string? topic, string cardId, int shownVersion, Rating rating, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(rating) || decks.Resolve(topic) is not TopicChoice.Resolved { Deck: var deck, Topic: var canonical }
            || !decks.Decks.Any(d => d.Facts.Any(f => f.Id == cardId)))
        {
            return new RateOutcome.UnknownCard();
        }

        var now = time.GetUtcNow();
        var states = await store.GetCardsAsync(player, cancellationToken);
        var before = states.GetValueOrDefault(cardId) ?? FsrsScheduler.NewCard(cardId, now);
        var result = scheduler.Review(before, rating, now);
        if (!await store.RateAsync(player, new CardReview(new ShownCard(cardId, shownVersion), result.After, result.Log), cancellationToken))
        {
            return new RateOutcome.AlreadyRated(await NextAsync(player, deck, canonical, cancellationToken));
        }

        return new RateOutcome.Rated(rating, result.Interval, await NextAsync(player, deck, canonical, cancellationToken));
    }

    private async Task<StudyScreen> NextAsync(PlayerKey player, Deck deck, string? topic, CancellationToken cancellationToken)
    {
        var cards = StudyScheduler.CardsOn(deck, topic, out _) ?? [];
        var states = await store.GetCardsAsync(player, cancellationToken);
        var log = await store.GetReviewLogAsync(player, cancellationToken);
        var now = time.GetUtcNow();
        var queue = StudyScheduler.Build(cards, states, log, now, options.NewCardsPerDay);
        if (queue.NextCardId is not { } cardId)
        {
            return new StudyScreen.Done(deck, queue.Counts, queue.NextDueAt, topic);
        }

        var shown = await store.ShowAsync(player, cardId, cancellationToken);
        var fact = cards.First(f => f.Id == cardId);
        var state = states.GetValueOrDefault(cardId) ?? FsrsScheduler.NewCard(cardId, now);
        var preview = scheduler.Preview(state, now);
        var previews = Enum.GetValues<Rating>()
            .Select(r => (Rating: r, Result: preview.For(r)))
            .Select(p => new RatingPreview(p.Rating, p.Result.Interval, IntervalLabel.Format(p.Result.Interval), p.Result.After.Due))
            .ToList();
        var card = new StudyCard(fact, CitationFormatter.For(deck).Cite(fact), state, state.Phase == CardPhase.New, previews, shown.Version);
        return new StudyScreen.Card(deck, card, queue.Counts, topic);
    }
}
