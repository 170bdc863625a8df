using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Study;

/// <summary>The reference numbers from the FSRS implementations' own test suites.</summary>
public sealed class FsrsReferenceTests
{
    private readonly FsrsScheduler scheduler = new();

    [Fact]
    public void Py_fsrs_review_card_sequence_gives_the_reference_intervals()
    {
        var now = new DateTimeOffset(2022, 11, 29, 12, 30, 0, TimeSpan.Zero);
        var card = FsrsScheduler.NewCard("c1", now);
        Rating[] ratings =
        [
            Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good,
            Rating.Again, Rating.Again,
            Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good,
        ];

        var intervals = new List<int>();
        foreach (var rating in ratings)
        {
            var result = scheduler.Review(card, rating, now);
            intervals.Add((result.After.Due - now).Days);
            card = result.After;
            now = card.Due;
        }

        Assert.Equal([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21], intervals);
    }

    [Fact]
    public void Memory_state_after_the_reference_history_matches()
    {
        var card = ReplayReferenceHistory(scheduler);

        Assert.Equal(53.62691, card.Stability, 1e-4);
        Assert.Equal(6.3574867, card.Difficulty, 1e-4);
    }

    [Fact]
    public void Ten_easy_reviews_bring_difficulty_to_exactly_one()
    {
        var now = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = FsrsScheduler.NewCard("c1", now);
        for (var i = 0; i < 10; i++)
        {
            card = scheduler.Review(card, Rating.Easy, now).After;
            now = card.Due;
        }

        Assert.Equal(1.0, card.Difficulty);
    }

    // fsrs-rs's first-review states for the default weights: S0 = w[G-1], D0 = w4 - e^(w5*(G-1)) + 1.
    [Theory]
    [InlineData(Rating.Again, 0.212, 6.4133)]
    [InlineData(Rating.Hard, 1.2931, 5.11217071)]
    [InlineData(Rating.Good, 2.3065, 2.11810397)]
    [InlineData(Rating.Easy, 8.2956, 1.0)]
    public void First_review_state_matches_the_reference(Rating rating, double stability, double difficulty)
    {
        var now = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = scheduler.Review(FsrsScheduler.NewCard("c1", now), rating, now).After;

        Assert.Equal(stability, card.Stability, 1e-6);
        Assert.Equal(difficulty, card.Difficulty, 1e-6);
    }

    // fsrs-rs's memory-state test again with the same-day terms (w17..w19) set to zero: S = 53.335106.
    [Fact]
    public void Memory_state_without_the_same_day_step_matches_the_reference()
    {
        var weights = FsrsParameters.DefaultWeights.ToArray();
        weights[17] = weights[18] = weights[19] = 0;
        var card = ReplayReferenceHistory(new FsrsScheduler(FsrsParameters.Default with { Weights = weights }));

        Assert.Equal(53.335106, card.Stability, 1e-4);
        Assert.Equal(6.3574867, card.Difficulty, 1e-4);
    }

    /// <summary>The references' memory-state history: Again, then Good x5, with 0, 0, 1, 3, 8, 21 days between reviews.</summary>
    private static CardState ReplayReferenceHistory(FsrsScheduler replay)
    {
        var now = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = FsrsScheduler.NewCard("c1", now);
        Rating[] ratings = [Rating.Again, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good];
        int[] elapsed = [0, 0, 1, 3, 8, 21];
        for (var i = 0; i < ratings.Length; i++)
        {
            now = now.AddDays(elapsed[i]);
            card = replay.Review(card, ratings[i], now).After;
        }

        return card;
    }
}
