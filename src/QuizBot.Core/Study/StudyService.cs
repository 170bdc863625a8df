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
/// current memory state, and a preview of each rating. <see cref="Reps"/> goes with the rating so a repeated
/// click is recognised.
/// </summary>
public sealed record StudyCard(Fact Fact, IReadOnlyList<Citation> Citations, CardState State, bool IsNew, IReadOnlyList<RatingPreview> Previews)
{
    public string CardId => Fact.Id;

    public int Reps => State.Reps;
}

public enum StudyStatus
{
    /// <summary>A card is ready.</summary>
    Card,

    /// <summary>Nothing is due and no new card is left for today; see NextDueAt.</summary>
    NothingDue,

    UnknownTopic,
}

/// <summary>The next card, or why there is none, with the counts to show.</summary>
public sealed record StudyNext(StudyStatus Status, string Message, StudyCard? Card, StudyCounts Counts, DateTimeOffset? NextDueAt, string? Topic);

public enum RateStatus
{
    Rated,

    /// <summary>The card was rated since it was shown (a double click); nothing changed.</summary>
    AlreadyRated,

    /// <summary>No such card in the deck; nothing changed.</summary>
    UnknownCard,
}

/// <summary>The outcome of a rating, and what to study next.</summary>
public sealed record RateResult(RateStatus Status, string Message, CardState? After, TimeSpan Interval, string IntervalLabel, StudyNext? Next);

/// <summary>
/// Flashcard study for players: due reviews before new cards, a daily limit of new cards, an optional topic,
/// FSRS-6 scheduling, persisted through <see cref="IStudyStore"/>. Card id = fact id.
/// </summary>
public sealed class StudyService
{
    private readonly IStudyStore store;
    private readonly TimeProvider time;
    private readonly StudyOptions options;
    private readonly FsrsScheduler scheduler;

    public StudyService(IStudyStore store, TimeProvider time, StudyOptions? options = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new StudyOptions();
        if (this.options.NewCardsPerDay < 0)
        {
            throw new ArgumentException("New cards per day cannot be negative.", nameof(options));
        }

        scheduler = new FsrsScheduler(this.options.Fsrs);
    }

    /// <summary>The next card to study on <paramref name="topic"/> (null for the whole deck).</summary>
    public async Task<StudyNext> NextAsync(PlayerKey player, Deck deck, string? topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var cards = StudyScheduler.CardsOn(deck, topic, out var canonicalTopic);
        if (cards is null)
        {
            return new StudyNext(
                StudyStatus.UnknownTopic,
                $"There is no topic \"{topic?.Trim()}\". Topics: {string.Join(", ", deck.Topics)}.",
                null,
                new StudyCounts(0, 0, 0),
                null,
                null);
        }

        var states = await store.GetCardsAsync(player, cancellationToken);
        var log = await store.GetReviewLogAsync(player, cancellationToken);
        return Next(deck, cards, canonicalTopic, states, log, time.GetUtcNow());
    }

    /// <summary>
    /// Rates a card and schedules it. With <paramref name="expectedReps"/> (the <see cref="StudyCard.Reps"/> shown),
    /// a second click on the same card is refused as already rated.
    /// </summary>
    public async Task<RateResult> RateAsync(
        PlayerKey player, Deck deck, string cardId, Rating rating, string? topic = null, int? expectedReps = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deck);
        if (!Enum.IsDefined(rating))
        {
            return new RateResult(RateStatus.UnknownCard, "Rate with Again, Hard, Good or Easy.", null, TimeSpan.Zero, string.Empty, null);
        }

        if (!deck.Facts.Any(f => f.Id == cardId))
        {
            return new RateResult(RateStatus.UnknownCard, "That card is not in the deck.", null, TimeSpan.Zero, string.Empty, null);
        }

        var now = time.GetUtcNow();
        var states = await store.GetCardsAsync(player, cancellationToken);
        var before = states.GetValueOrDefault(cardId) ?? FsrsScheduler.NewCard(cardId, now);
        if (expectedReps is { } expected && expected != before.Reps)
        {
            return new RateResult(RateStatus.AlreadyRated, "That card was already rated.", before, TimeSpan.Zero, string.Empty, null);
        }

        var result = scheduler.Review(before, rating, now);
        await store.SaveReviewAsync(player, result.After, result.Log, cancellationToken);

        var next = await NextAsync(player, deck, topic, cancellationToken);
        return new RateResult(RateStatus.Rated, string.Empty, result.After, result.Interval, IntervalLabel.Format(result.Interval), next);
    }

    private StudyNext Next(
        Deck deck,
        IReadOnlyList<Fact> cards,
        string? topic,
        IReadOnlyDictionary<string, CardState> states,
        IReadOnlyList<ReviewLogEntry> log,
        DateTimeOffset now)
    {
        var queue = StudyScheduler.Build(cards, states, log, now, options.NewCardsPerDay);
        if (queue.NextCardId is not { } cardId)
        {
            var message = queue.NextDueAt is { } at
                ? $"Nothing to study right now. The next card is due at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                : "Nothing to study: this deck has no cards on that topic.";
            return new StudyNext(StudyStatus.NothingDue, message, null, queue.Counts, queue.NextDueAt, topic);
        }

        var fact = cards.First(f => f.Id == cardId);
        var state = states.GetValueOrDefault(cardId) ?? FsrsScheduler.NewCard(cardId, now);
        var preview = scheduler.Preview(state, now);
        var previews = Enum.GetValues<Rating>()
            .Select(r => (Rating: r, Result: preview.For(r)))
            .Select(p => new RatingPreview(p.Rating, p.Result.Interval, IntervalLabel.Format(p.Result.Interval), p.Result.After.Due))
            .ToList();
        var card = new StudyCard(fact, new CitationFormatter(deck).Cite(fact), state, state.Phase == CardPhase.New, previews);
        return new StudyNext(StudyStatus.Card, string.Empty, card, queue.Counts, null, topic);
    }
}
