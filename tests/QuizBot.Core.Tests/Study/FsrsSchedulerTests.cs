using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Study;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private readonly FsrsScheduler scheduler = new();

    [Fact]
    public void New_card_again_goes_to_the_first_learning_step()
    {
        var result = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Again, Start);
        Assert.Equal(CardPhase.Learning, result.After.Phase);
        Assert.Equal(0, result.After.Step);
        Assert.Equal(TimeSpan.FromMinutes(1), result.Interval);
        Assert.Equal(Start.AddMinutes(1), result.After.Due);
        Assert.Equal(Start, result.After.LastReview);
        Assert.Equal(1, result.After.Reps);
    }

    [Fact]
    public void New_card_hard_on_step_zero_with_two_steps_waits_the_average_of_the_steps()
    {
        var result = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Hard, Start);
        Assert.Equal(CardPhase.Learning, result.After.Phase);
        Assert.Equal(0, result.After.Step);
        Assert.Equal(TimeSpan.FromMinutes(5.5), result.Interval);
    }

    [Fact]
    public void Hard_on_step_zero_with_one_step_waits_one_and_a_half_steps()
    {
        var oneStep = new FsrsScheduler(FsrsParameters.Default with { LearningSteps = [TimeSpan.FromMinutes(10)] });
        Assert.Equal(TimeSpan.FromMinutes(15), oneStep.Review(FsrsScheduler.NewCard("c", Start), Rating.Hard, Start).Interval);
    }

    [Fact]
    public void Good_advances_through_the_steps_then_graduates_on_the_stability_interval()
    {
        var first = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Good, Start);
        Assert.Equal((CardPhase.Learning, 1), (first.After.Phase, first.After.Step));
        Assert.Equal(TimeSpan.FromMinutes(10), first.Interval);

        var later = first.After.Due;
        var second = scheduler.Review(first.After, Rating.Good, later);
        Assert.Equal(CardPhase.Review, second.After.Phase);
        Assert.Equal(TimeSpan.FromDays(scheduler.Model.NextIntervalDays(second.After.Stability)), second.Interval);
    }

    [Fact]
    public void Hard_on_a_later_step_repeats_that_step()
    {
        var first = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Good, Start).After;
        var hard = scheduler.Review(first, Rating.Hard, first.Due);
        Assert.Equal((CardPhase.Learning, 1), (hard.After.Phase, hard.After.Step));
        Assert.Equal(TimeSpan.FromMinutes(10), hard.Interval);
    }

    [Fact]
    public void Again_in_learning_resets_to_step_zero()
    {
        var first = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Good, Start).After;
        var again = scheduler.Review(first, Rating.Again, first.Due);
        Assert.Equal((CardPhase.Learning, 0), (again.After.Phase, again.After.Step));
        Assert.Equal(TimeSpan.FromMinutes(1), again.Interval);
    }

    [Fact]
    public void Easy_graduates_a_new_card_at_once()
    {
        var easy = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Easy, Start);
        Assert.Equal(CardPhase.Review, easy.After.Phase);
        Assert.Equal(TimeSpan.FromDays(8), easy.Interval);
    }

    [Fact]
    public void Again_on_a_review_card_lapses_into_relearning()
    {
        var review = Graduated();
        var lapse = scheduler.Review(review, Rating.Again, review.Due);
        Assert.Equal((CardPhase.Relearning, 0), (lapse.After.Phase, lapse.After.Step));
        Assert.Equal(TimeSpan.FromMinutes(10), lapse.Interval);
        Assert.Equal(review.Lapses + 1, lapse.After.Lapses);
        Assert.True(lapse.After.Stability < review.Stability);
        Assert.Equal(CardPhase.Review, lapse.Log.PhaseBefore);
    }

    [Fact]
    public void Relearning_good_returns_to_review_and_hard_waits_one_and_a_half_steps()
    {
        var review = Graduated();
        var relearning = scheduler.Review(review, Rating.Again, review.Due).After;
        Assert.Equal(TimeSpan.FromMinutes(15), scheduler.Review(relearning, Rating.Hard, relearning.Due).Interval);
        var back = scheduler.Review(relearning, Rating.Good, relearning.Due);
        Assert.Equal(CardPhase.Review, back.After.Phase);
        Assert.True(back.Interval >= TimeSpan.FromDays(1));
    }

    [Fact]
    public void Without_relearning_steps_a_lapse_stays_in_review()
    {
        var noRelearning = new FsrsScheduler(FsrsParameters.Default with { RelearningSteps = [] });
        var review = Graduated();
        var lapse = noRelearning.Review(review, Rating.Again, review.Due);
        Assert.Equal(CardPhase.Review, lapse.After.Phase);
        Assert.Equal(TimeSpan.FromDays(noRelearning.Model.NextIntervalDays(lapse.After.Stability)), lapse.Interval);
    }

    [Fact]
    public void Review_ratings_order_their_intervals()
    {
        var review = Graduated();
        var preview = scheduler.Preview(review, review.Due.AddDays(1));
        Assert.True(preview.Hard.Interval <= preview.Good.Interval);
        Assert.True(preview.Good.Interval < preview.Easy.Interval);
        Assert.True(preview.Again.Interval < preview.Hard.Interval);
    }

    [Fact]
    public void Preview_matches_each_rating_and_leaves_the_card_alone()
    {
        var card = FsrsScheduler.NewCard("c", Start);
        var preview = scheduler.Preview(card, Start);
        foreach (var rating in Enum.GetValues<Rating>())
        {
            Assert.Equal(scheduler.Review(card, rating, Start), preview.For(rating));
        }

        Assert.Equal(CardPhase.New, card.Phase);
        Assert.Equal(["1m", "6m", "10m", "8d"], Enum.GetValues<Rating>().Select(r => IntervalLabel.Format(preview.For(r).Interval)));
    }

    [Fact]
    public void Log_entry_records_the_review()
    {
        var review = Graduated();
        var at = review.Due.AddDays(2);
        var result = scheduler.Review(review, Rating.Good, at);
        Assert.Equal(new ReviewLogEntry("c", Rating.Good, at, (at - review.LastReview!.Value).Days, result.Interval.TotalDays, CardPhase.Review), result.Log);
    }

    [Fact]
    public void Retrievability_of_a_new_card_is_zero_and_of_a_reviewed_card_falls()
    {
        Assert.Equal(0, scheduler.Retrievability(FsrsScheduler.NewCard("c", Start), Start));
        var review = Graduated();
        Assert.True(scheduler.Retrievability(review, review.Due.AddDays(30)) < scheduler.Retrievability(review, review.Due));
    }

    [Fact]
    public void Fuzz_is_off_by_default_and_reproducible_per_card_when_on()
    {
        var fuzzed = new FsrsScheduler(FsrsParameters.Default with { EnableFuzz = true });
        var review = Graduated() with { Stability = 100 };
        var at = review.Due;
        var plain = scheduler.Review(review, Rating.Good, at).Interval.TotalDays;

        var first = fuzzed.Review(review, Rating.Good, at).Interval.TotalDays;
        Assert.Equal(first, fuzzed.Review(review, Rating.Good, at).Interval.TotalDays);

        var spread = Enumerable.Range(0, 40)
            .Select(i => fuzzed.Review(review with { CardId = $"card-{i}" }, Rating.Good, at).Interval.TotalDays)
            .ToList();
        Assert.True(spread.Distinct().Count() > 1, "different cards spread differently");
        Assert.All(spread, days => Assert.InRange(days, plain * 0.9, plain * 1.1));
        Assert.Equal(plain, scheduler.Review(review with { CardId = "card-1" }, Rating.Good, at).Interval.TotalDays);
    }

    [Fact]
    public void Fuzz_leaves_short_intervals_alone()
    {
        var fuzzed = new FsrsScheduler(FsrsParameters.Default with { EnableFuzz = true });
        Assert.Equal(2, fuzzed.FuzzDays(2, "c", 1));
        Assert.InRange(fuzzed.FuzzDays(3, "c", 1), 2, 4);
    }

    [Fact]
    public void Without_learning_steps_a_new_card_goes_straight_to_review()
    {
        var noSteps = new FsrsScheduler(FsrsParameters.Default with { LearningSteps = [] });
        var result = noSteps.Review(FsrsScheduler.NewCard("c", Start), Rating.Again, Start);
        Assert.Equal(CardPhase.Review, result.After.Phase);
        Assert.Equal(TimeSpan.FromDays(1), result.Interval);
    }

    [Fact]
    public void A_card_on_a_step_the_settings_no_longer_have_graduates_unless_forgotten()
    {
        var card = scheduler.Review(FsrsScheduler.NewCard("c", Start), Rating.Good, Start).After with { Step = 5 };
        Assert.Equal(CardPhase.Review, scheduler.Review(card, Rating.Hard, card.Due).After.Phase);
        Assert.Equal((CardPhase.Learning, 0), (scheduler.Review(card, Rating.Again, card.Due).After.Phase, scheduler.Review(card, Rating.Again, card.Due).After.Step));
    }

    [Fact]
    public void An_unknown_rating_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Review(FsrsScheduler.NewCard("c", Start), (Rating)7, Start));
    }

    private CardState Graduated()
    {
        var card = FsrsScheduler.NewCard("c", Start);
        card = scheduler.Review(card, Rating.Good, Start).After;
        return scheduler.Review(card, Rating.Good, card.Due).After;
    }
}
