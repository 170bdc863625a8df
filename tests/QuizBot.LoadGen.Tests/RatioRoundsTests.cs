namespace QuizBot.LoadGen.Tests;

public sealed class RatioRoundsTests
{
    [Fact]
    public void The_median_is_the_middle_round_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(0.035, RatioRounds.Median([0.041, 0.029, 0.035]));
        Assert.Equal(0.030, RatioRounds.Median([0.020, 0.040, 0.025, 0.035]), 12);
        Assert.Equal(0.5, RatioRounds.Median([0.5]));
    }

    [Fact]
    public void The_spread_is_highest_minus_lowest_in_percent_of_the_median()
    {
        Assert.Equal(40.0, RatioRounds.Spread([0.04, 0.05, 0.06]), 9);
        Assert.Equal(0.0, RatioRounds.Spread([0.03, 0.03, 0.03]));
    }

    [Fact]
    public void Quartiles_interpolate_between_the_nearest_ranks_whatever_the_order_given()
    {
        // Sorted 1..5 and 10: positions 1.25 and 3.75 of 0..5.
        double[] values = [10, 3, 1, 5, 2, 4];

        Assert.Equal(2.25, RatioRounds.Quantile(values, 0.25), 12);
        Assert.Equal(3.5, RatioRounds.Quantile(values, 0.5), 12);
        Assert.Equal(4.75, RatioRounds.Quantile(values, 0.75), 12);
        Assert.Equal(1, RatioRounds.Quantile(values, 0));
        Assert.Equal(10, RatioRounds.Quantile(values, 1));
        Assert.Equal(7, RatioRounds.Quantile([7], 0.25));
    }

    [Fact]
    public void A_spread_gives_its_quartiles_and_extremes_in_percent_of_the_median()
    {
        var spread = RatioSpread.Of([0.060, 0.050, 0.055, 0.070, 0.058]);

        Assert.Equal(5, spread.Count);
        Assert.Equal(0.058, spread.Median, 12);
        Assert.Equal(0.055, spread.LowerQuartile, 12);
        Assert.Equal(0.060, spread.UpperQuartile, 12);
        Assert.Equal((0.050, 0.070), (spread.Min, spread.Max));
        Assert.Equal(0.005 / 0.058 * 100, spread.QuartilesPercent, 9);
        Assert.Equal(0.020 / 0.058 * 100, spread.RangePercent, 9);
    }

    [Fact]
    public void One_outlying_round_moves_the_median_by_at_most_one_rank()
    {
        // A slowdown that hit one slice hard: the median stays with the others.
        double[] steady = [0.060, 0.061, 0.059, 0.062, 0.058, 0.060, 0.061, 0.059, 0.060, 0.062];
        double[] withOutlier = [.. steady[..9], 0.020];

        Assert.InRange(RatioRounds.Median(withOutlier), 0.0595, 0.0605);
        Assert.Equal(0.060, RatioRounds.Median(steady), 12);
    }
}
