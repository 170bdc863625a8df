namespace QuizBot.LoadGen;

/// <summary>The default run's ratios, one per round of a PING slice and a quiz slice: their median and how far apart they are.</summary>
internal static class RatioRounds
{
    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>
    /// The value below which <paramref name="share"/> of the values lie, interpolated between the two nearest ranks
    /// (the usual definition of spreadsheets and NumPy): 0 is the lowest, 1 the highest, 0.5 the median.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double share)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var sorted = values.Order().ToArray();
        var position = share * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    /// <summary>Highest minus lowest, in percent of the median.</summary>
    public static double Spread(IReadOnlyList<double> values) => (values.Max() - values.Min()) / Median(values) * 100;
}

/// <summary>A set of ratios summed up: median, quartiles, lowest and highest.</summary>
internal sealed record RatioSpread(int Count, double Median, double LowerQuartile, double UpperQuartile, double Min, double Max)
{
    public static RatioSpread Of(IReadOnlyList<double> values) => new(
        values.Count,
        RatioRounds.Median(values),
        RatioRounds.Quantile(values, 0.25),
        RatioRounds.Quantile(values, 0.75),
        values.Min(),
        values.Max());

    /// <summary>The interquartile range (the middle half of the values) in percent of the median.</summary>
    public double QuartilesPercent => (UpperQuartile - LowerQuartile) / Median * 100;

    /// <summary>Highest minus lowest in percent of the median.</summary>
    public double RangePercent => (Max - Min) / Median * 100;
}
