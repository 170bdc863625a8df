namespace QuizBot.Core.Study;

/// <summary>The result of rating a card: its new state, the log entry, and how far away the next review is.</summary>
public sealed record ReviewResult(CardState After, ReviewLogEntry Log, TimeSpan Interval);

/// <summary>What each of the four ratings would do to a card right now (for button labels).</summary>
public sealed record ReviewPreview(ReviewResult Again, ReviewResult Hard, ReviewResult Good, ReviewResult Easy)
{
    public ReviewResult For(Rating rating) => rating switch
    {
        Rating.Again => Again,
        Rating.Hard => Hard,
        Rating.Good => Good,
        Rating.Easy => Easy,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating."),
    };
}

/// <summary>
/// The FSRS-6 state machine, following the py-fsrs 6 scheduler's rules:
/// New and Learning cards walk the learning steps (Again back to step 0; Hard repeats the step, on step 0 with
/// two or more steps the average of the first two, with one step 1.5 times it; Good advances and graduates after
/// the last step; Easy graduates at once). A Review card rated Again lapses into Relearning (or stays in Review
/// when there are no relearning steps); Hard, Good and Easy schedule the next interval. Relearning walks the
/// relearning steps the same way. Graduation uses the interval the stability gives.
/// Deterministic: the time is an argument, and fuzz is seeded by the card id and review count.
/// </summary>
public sealed class FsrsScheduler
{
    private readonly FsrsParameters parameters;

    public FsrsScheduler(FsrsParameters? parameters = null)
    {
        this.parameters = parameters ?? FsrsParameters.Default;
        Model = new FsrsModel(this.parameters);
    }

    public FsrsModel Model { get; }

    /// <summary>A card nobody has reviewed yet, due now.</summary>
    public static CardState NewCard(string cardId, DateTimeOffset now) =>
        new(cardId, CardPhase.New, 0, 0, 0, now, null, 0, 0);

    /// <summary>Whole days since the card's last review (0 for a new card), as the reference implementations count them.</summary>
    public static int ElapsedDays(CardState card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.LastReview is { } last ? Math.Max(0, (int)Math.Floor((now - last).TotalDays)) : 0;
    }

    /// <summary>The card's chance of recall now; 0 for a card never reviewed.</summary>
    public double Retrievability(CardState card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Phase == CardPhase.New || card.LastReview is null
            ? 0
            : Model.Retrievability(ElapsedDays(card, now), card.Stability);
    }

    public ReviewPreview Preview(CardState card, DateTimeOffset now) =>
        new(Review(card, Rating.Again, now), Review(card, Rating.Hard, now), Review(card, Rating.Good, now), Review(card, Rating.Easy, now));

    public ReviewResult Review(CardState card, Rating rating, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Enum.IsDefined(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating.");
        }

        var elapsedDays = ElapsedDays(card, now);
        var (stability, difficulty) = NextMemory(card, rating, elapsedDays, now);
        var (phase, step, interval) = NextSchedule(card, rating, stability);
        var lapses = card.Phase == CardPhase.Review && rating == Rating.Again ? card.Lapses + 1 : card.Lapses;
        var reps = card.Reps + 1;

        if (parameters.EnableFuzz && phase == CardPhase.Review)
        {
            interval = TimeSpan.FromDays(FuzzDays((int)interval.TotalDays, card.CardId, reps));
        }

        var after = new CardState(card.CardId, phase, step, stability, difficulty, now + interval, now, reps, lapses);
        var log = new ReviewLogEntry(card.CardId, rating, now, elapsedDays, interval.TotalDays, card.Phase);
        return new ReviewResult(after, log, interval);
    }

    private (double Stability, double Difficulty) NextMemory(CardState card, Rating rating, int elapsedDays, DateTimeOffset now)
    {
        if (card.Phase == CardPhase.New || card.LastReview is null)
        {
            return (Model.InitialStability(rating), Model.InitialDifficulty(rating));
        }

        var difficulty = Model.NextDifficulty(card.Difficulty, rating);
        if (elapsedDays < 1)
        {
            return (Model.ShortTermStability(card.Stability, rating), difficulty);
        }

        var retrievability = Retrievability(card, now);
        var stability = rating == Rating.Again
            ? Model.LapseStability(card.Difficulty, card.Stability, retrievability)
            : Model.RecallStability(card.Difficulty, card.Stability, retrievability, rating);
        return (stability, difficulty);
    }

    private (CardPhase Phase, int Step, TimeSpan Interval) NextSchedule(CardState card, Rating rating, double stability)
    {
        var graduate = (CardPhase.Review, 0, TimeSpan.FromDays(Model.NextIntervalDays(stability)));
        return card.Phase switch
        {
            CardPhase.New or CardPhase.Learning => WalkSteps(CardPhase.Learning, parameters.LearningSteps, card.Step, rating, graduate),
            CardPhase.Relearning => WalkSteps(CardPhase.Relearning, parameters.RelearningSteps, card.Step, rating, graduate),
            _ when rating == Rating.Again && parameters.RelearningSteps.Count > 0 =>
                (CardPhase.Relearning, 0, parameters.RelearningSteps[0]),
            _ => graduate,
        };
    }

    private static (CardPhase Phase, int Step, TimeSpan Interval) WalkSteps(
        CardPhase phase,
        IReadOnlyList<TimeSpan> steps,
        int step,
        Rating rating,
        (CardPhase, int, TimeSpan) graduate)
    {
        // A card stored under settings with more steps than today's graduates on any pass.
        if (steps.Count == 0 || (step >= steps.Count && rating != Rating.Again))
        {
            return graduate;
        }

        return rating switch
        {
            Rating.Again => (phase, 0, steps[0]),
            Rating.Hard when step == 0 && steps.Count == 1 => (phase, 0, steps[0] * 1.5),
            Rating.Hard when step == 0 => (phase, 0, (steps[0] + steps[1]) / 2),
            Rating.Hard => (phase, step, steps[step]),
            Rating.Good when step + 1 >= steps.Count => graduate,
            Rating.Good => (phase, step + 1, steps[step + 1]),
            _ => graduate,
        };
    }

    /// <summary>
    /// Spreads an interval of 3 days or more over a small range (wider for longer intervals: 15% of the part
    /// between 2.5 and 7 days, 10% up to 20 days, 5% beyond), picking a point with a generator seeded by the card
    /// and its review count, so the same history always gives the same schedule.
    /// </summary>
    internal int FuzzDays(int intervalDays, string cardId, int reps)
    {
        if (intervalDays < 2.5)
        {
            return intervalDays;
        }

        var delta = 1.0
            + 0.15 * Math.Max(Math.Min(intervalDays, 7.0) - 2.5, 0)
            + 0.10 * Math.Max(Math.Min(intervalDays, 20.0) - 7.0, 0)
            + 0.05 * Math.Max(intervalDays - 20.0, 0);
        var max = Math.Min((int)Math.Round(intervalDays + delta, MidpointRounding.AwayFromZero), parameters.MaximumIntervalDays);
        var min = Math.Min(Math.Max(2, (int)Math.Round(intervalDays - delta, MidpointRounding.AwayFromZero)), max);
        var random = new Random(StableSeed.Of(cardId, reps));
        return random.Next(min, max + 1);
    }
}
