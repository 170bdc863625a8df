namespace QuizBot.LoadGen;

/// <summary>The default run's ratios, one per round of PING then quiz: their median and how far apart they are.</summary>
internal static class RatioRounds
{
    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    /// <summary>Highest minus lowest, in percent of the median.</summary>
    public static double Spread(IReadOnlyList<double> values) => (values.Max() - values.Min()) / Median(values) * 100;
}
