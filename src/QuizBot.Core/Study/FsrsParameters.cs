namespace QuizBot.Core.Study;

/// <summary>
/// The settings of the FSRS-6 scheduler. <see cref="Default"/> holds the published default weights and the
/// reference implementations' defaults (desired retention 0.9, learning steps 1 and 10 minutes, one 10-minute
/// relearning step, a 36,500-day maximum interval). Fuzz is off unless asked for.
/// </summary>
public sealed record FsrsParameters
{
    /// <summary>The default FSRS-6 weights w0..w20.</summary>
    public static readonly IReadOnlyList<double> DefaultWeights =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    public static FsrsParameters Default { get; } = new();

    public IReadOnlyList<double> Weights { get; init; } = DefaultWeights;

    public double DesiredRetention { get; init; } = 0.9;

    public IReadOnlyList<TimeSpan> LearningSteps { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    public IReadOnlyList<TimeSpan> RelearningSteps { get; init; } = [TimeSpan.FromMinutes(10)];

    public int MaximumIntervalDays { get; init; } = 36500;

    /// <summary>Spreads long intervals a little so cards learned together do not stay bunched; seeded per card.</summary>
    public bool EnableFuzz { get; init; }

    /// <summary>Throws when the settings cannot produce a schedule (wrong weight count, retention outside (0, 1), ...).</summary>
    public void Validate()
    {
        if (Weights.Count != 21)
        {
            throw new ArgumentException($"FSRS-6 needs 21 weights, got {Weights.Count}.");
        }

        if (Weights[20] <= 0)
        {
            throw new ArgumentException("FSRS weight w20 (the decay) must be positive.");
        }

        if (DesiredRetention is <= 0 or >= 1)
        {
            throw new ArgumentException($"Desired retention must be between 0 and 1, got {DesiredRetention}.");
        }

        if (MaximumIntervalDays < 1)
        {
            throw new ArgumentException($"The maximum interval must be at least one day, got {MaximumIntervalDays}.");
        }

        if (LearningSteps.Concat(RelearningSteps).Any(step => step <= TimeSpan.Zero))
        {
            throw new ArgumentException("Learning and relearning steps must be positive.");
        }
    }
}
