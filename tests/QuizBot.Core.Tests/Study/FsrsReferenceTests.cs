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
        var start = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = FsrsScheduler.NewCard("c1", start);
        Rating[] ratings = [Rating.Again, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good];
        int[] elapsed = [0, 0, 1, 3, 8, 21];

        var now = start;
        for (var i = 0; i < ratings.Length; i++)
        {
            now = now.AddDays(elapsed[i]);
            card = scheduler.Review(card, ratings[i], now).After;
        }

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
}
