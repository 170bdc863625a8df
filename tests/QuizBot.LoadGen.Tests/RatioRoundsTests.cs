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
}
