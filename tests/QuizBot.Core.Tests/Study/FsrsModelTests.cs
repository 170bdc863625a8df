using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Study;

public sealed class FsrsModelTests
{
    private static readonly IReadOnlyList<double> W = FsrsParameters.DefaultWeights;
    private readonly FsrsModel model = new(FsrsParameters.Default);

    [Theory]
    [InlineData(1.0)]
    [InlineData(7.5)]
    [InlineData(300.0)]
    public void Retrievability_after_stability_days_is_ninety_percent(double stability)
    {
        Assert.Equal(0.9, model.Retrievability(stability, stability), 1e-12);
    }

    [Fact]
    public void Retrievability_is_one_at_once_and_falls_with_time()
    {
        Assert.Equal(1.0, model.Retrievability(0, 5), 1e-12);
        Assert.True(model.Retrievability(10, 5) < model.Retrievability(5, 5));
        var expected = Math.Pow(1 + (Math.Pow(0.9, -1 / W[20]) - 1) * 3 / 5.0, -W[20]);
        Assert.Equal(expected, model.Retrievability(3, 5), 1e-12);
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(2.3065, 2)]
    [InlineData(8.2956, 8)]
    [InlineData(45.6, 46)]
    [InlineData(36500, 36500)]
    public void Next_interval_at_ninety_percent_retention_is_the_stability_rounded_and_at_least_a_day(double stability, int days)
    {
        Assert.Equal(days, model.NextIntervalDays(stability));
    }

    [Fact]
    public void Next_interval_is_capped_at_the_maximum_interval()
    {
        var capped = new FsrsModel(FsrsParameters.Default with { MaximumIntervalDays = 30 });
        Assert.Equal(30, capped.NextIntervalDays(400));
    }

    [Fact]
    public void Higher_desired_retention_gives_shorter_intervals()
    {
        var strict = new FsrsModel(FsrsParameters.Default with { DesiredRetention = 0.95 });
        Assert.True(strict.NextIntervalDays(100) < model.NextIntervalDays(100));
    }

    [Theory]
    [InlineData(Rating.Again, 0.212)]
    [InlineData(Rating.Hard, 1.2931)]
    [InlineData(Rating.Good, 2.3065)]
    [InlineData(Rating.Easy, 8.2956)]
    public void Initial_stability_is_the_rating_weight(Rating rating, double expected)
    {
        Assert.Equal(expected, model.InitialStability(rating));
    }

    [Theory]
    [InlineData(Rating.Again)]
    [InlineData(Rating.Hard)]
    [InlineData(Rating.Good)]
    public void Initial_difficulty_follows_the_formula(Rating rating)
    {
        var expected = W[4] - Math.Exp(W[5] * ((int)rating - 1)) + 1;
        Assert.Equal(expected, model.InitialDifficulty(rating), 1e-12);
    }

    [Fact]
    public void Initial_difficulty_for_easy_is_clamped_to_one()
    {
        Assert.True(W[4] - Math.Exp(W[5] * 3) + 1 < 1);
        Assert.Equal(1.0, model.InitialDifficulty(Rating.Easy));
    }

    [Fact]
    public void Next_difficulty_damps_towards_ten_and_reverts_towards_easy()
    {
        const double d = 5;
        var delta = -W[6] * (1 - 3);
        var damped = d + (10 - d) * delta / 9;
        var expected = W[7] * (W[4] - Math.Exp(W[5] * 3) + 1) + (1 - W[7]) * damped;
        Assert.Equal(expected, model.NextDifficulty(d, Rating.Again), 1e-12);
        Assert.True(model.NextDifficulty(d, Rating.Easy) < model.NextDifficulty(d, Rating.Good));
        Assert.InRange(model.NextDifficulty(10, Rating.Again), 9.9, 10.0);
        Assert.Equal(1.0, model.NextDifficulty(1, Rating.Easy));
    }

    [Fact]
    public void Recall_stability_follows_the_formula_with_hard_penalty_and_easy_bonus()
    {
        const double d = 5, s = 10, r = 0.85;
        var growth = Math.Exp(W[8]) * (11 - d) * Math.Pow(s, -W[9]) * (Math.Exp(W[10] * (1 - r)) - 1);
        Assert.Equal(s * (1 + growth), model.RecallStability(d, s, r, Rating.Good), 1e-9);
        Assert.Equal(s * (1 + growth * W[15]), model.RecallStability(d, s, r, Rating.Hard), 1e-9);
        Assert.Equal(s * (1 + growth * W[16]), model.RecallStability(d, s, r, Rating.Easy), 1e-9);
    }

    [Fact]
    public void Lapse_stability_follows_the_formula_and_never_exceeds_the_short_term_ceiling()
    {
        const double d = 5, s = 10, r = 0.85;
        var longTerm = W[11] * Math.Pow(d, -W[12]) * (Math.Pow(s + 1, W[13]) - 1) * Math.Exp(W[14] * (1 - r));
        Assert.Equal(longTerm, model.LapseStability(d, s, r), 1e-9);

        // For a tiny stability the long-term formula would exceed S / e^(w17 w18); the ceiling wins.
        const double tiny = 0.01;
        Assert.Equal(tiny / Math.Exp(W[17] * W[18]), model.LapseStability(1, tiny, 0.1), 1e-12);
    }

    [Fact]
    public void Short_term_stability_follows_the_formula_for_again_and_good()
    {
        const double s = 3;
        foreach (var rating in new[] { Rating.Again, Rating.Good })
        {
            var expected = s * Math.Exp(W[17] * ((int)rating - 3 + W[18])) * Math.Pow(s, -W[19]);
            Assert.Equal(Math.Max(expected, rating == Rating.Good ? s : 0), model.ShortTermStability(s, rating), 1e-12);
        }

        Assert.True(model.ShortTermStability(s, Rating.Again) < s);
    }

    [Fact]
    public void Short_term_hard_never_lowers_stability_as_in_fsrs_rs()
    {
        const double s = 3;
        var raw = Math.Exp(W[17] * (2 - 3 + W[18])) * Math.Pow(s, -W[19]);
        Assert.True(raw < 1, "the unfloored factor is below one, so the floor matters here");
        Assert.Equal(s, model.ShortTermStability(s, Rating.Hard));
    }

    [Fact]
    public void Stability_stays_within_bounds()
    {
        Assert.Equal(FsrsModel.MinStability, model.ShortTermStability(0.0001, Rating.Again));
        Assert.Equal(FsrsModel.MaxStability, model.RecallStability(1, 36000, 0.01, Rating.Easy));
    }

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FsrsModel(FsrsParameters.Default with { Weights = W.Take(20).ToList() }));
        Assert.Throws<ArgumentException>(() => new FsrsModel(FsrsParameters.Default with { DesiredRetention = 1 }));
        Assert.Throws<ArgumentException>(() => new FsrsModel(FsrsParameters.Default with { MaximumIntervalDays = 0 }));
        Assert.Throws<ArgumentException>(() => new FsrsModel(FsrsParameters.Default with { LearningSteps = [TimeSpan.Zero] }));
    }
}
