namespace QuizBot.Core.Study;

/// <summary>
/// The FSRS-6 memory model: how stability (S, days until recall drops to 90%), difficulty (D, 1..10) and
/// retrievability (R) evolve with each rating. Pure arithmetic on the weights; the state machine around it
/// (learning steps, phases, due dates) lives in <see cref="FsrsScheduler"/>.
/// </summary>
public sealed class FsrsModel
{
    public const double MinStability = 0.001;
    public const double MaxStability = 36500;
    public const double MinDifficulty = 1;
    public const double MaxDifficulty = 10;

    private readonly IReadOnlyList<double> w;
    private readonly double decay;
    private readonly double factor;
    private readonly double desiredRetention;
    private readonly int maximumIntervalDays;

    public FsrsModel(FsrsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        w = parameters.Weights;
        decay = -w[20];
        factor = Math.Pow(0.9, 1 / decay) - 1;
        desiredRetention = parameters.DesiredRetention;
        maximumIntervalDays = parameters.MaximumIntervalDays;
    }

    /// <summary>R(t, S) = (1 + FACTOR * t / S)^DECAY: the chance of recall after <paramref name="elapsedDays"/>.</summary>
    public double Retrievability(double elapsedDays, double stability) =>
        Math.Pow(1 + factor * Math.Max(0, elapsedDays) / stability, decay);

    /// <summary>The whole-day interval at which R falls to the desired retention, clamped to [1, maximum].</summary>
    public int NextIntervalDays(double stability)
    {
        var exact = stability / factor * (Math.Pow(desiredRetention, 1 / decay) - 1);
        var rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(rounded, 1, maximumIntervalDays);
    }

    /// <summary>S0(G) = w[G-1].</summary>
    public double InitialStability(Rating rating) => ClampStability(w[(int)rating - 1]);

    /// <summary>D0(G) = w4 - e^(w5 (G-1)) + 1, clamped to [1, 10].</summary>
    public double InitialDifficulty(Rating rating) => ClampDifficulty(UnclampedInitialDifficulty(rating));

    /// <summary>Linear damping towards 10, then mean reversion towards D0(Easy), clamped to [1, 10].</summary>
    public double NextDifficulty(double difficulty, Rating rating)
    {
        var delta = -w[6] * ((int)rating - 3);
        var damped = difficulty + (10 - difficulty) * delta / 9;
        var reverted = w[7] * UnclampedInitialDifficulty(Rating.Easy) + (1 - w[7]) * damped;
        return ClampDifficulty(reverted);
    }

    /// <summary>Stability after a successful recall (Hard, Good or Easy) after at least a day.</summary>
    public double RecallStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        var hardPenalty = rating == Rating.Hard ? w[15] : 1;
        var easyBonus = rating == Rating.Easy ? w[16] : 1;
        var growth = Math.Exp(w[8])
            * (11 - difficulty)
            * Math.Pow(stability, -w[9])
            * (Math.Exp(w[10] * (1 - retrievability)) - 1)
            * hardPenalty
            * easyBonus;
        return ClampStability(stability * (1 + growth));
    }

    /// <summary>Stability after a lapse (Again) after at least a day; never above the same-day lapse value.</summary>
    public double LapseStability(double difficulty, double stability, double retrievability)
    {
        var longTerm = w[11]
            * Math.Pow(difficulty, -w[12])
            * (Math.Pow(stability + 1, w[13]) - 1)
            * Math.Exp(w[14] * (1 - retrievability));
        var shortTermCeiling = stability / Math.Exp(w[17] * w[18]);
        return ClampStability(Math.Min(longTerm, shortTermCeiling));
    }

    /// <summary>
    /// Stability after a review on the same day as the previous one: S * e^(w17 (G - 3 + w18)) * S^(-w19).
    /// Like fsrs-rs and ts-fsrs (and unlike py-fsrs), the factor is floored at 1 for Hard as well as Good and
    /// Easy, so only Again can lower stability on a same-day review.
    /// </summary>
    public double ShortTermStability(double stability, Rating rating)
    {
        var increase = Math.Exp(w[17] * ((int)rating - 3 + w[18])) * Math.Pow(stability, -w[19]);
        if (rating >= Rating.Hard)
        {
            increase = Math.Max(increase, 1);
        }

        return ClampStability(stability * increase);
    }

    private double UnclampedInitialDifficulty(Rating rating) => w[4] - Math.Exp(w[5] * ((int)rating - 1)) + 1;

    private static double ClampStability(double stability) => Math.Clamp(stability, MinStability, MaxStability);

    private static double ClampDifficulty(double difficulty) => Math.Clamp(difficulty, MinDifficulty, MaxDifficulty);
}
