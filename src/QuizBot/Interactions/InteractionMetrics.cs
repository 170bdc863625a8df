using System.Diagnostics.Metrics;

namespace QuizBot.Interactions;

/// <summary>
/// What the pipeline measures per interaction, as .NET metrics: a time per handled interaction and a count of
/// failures. `dotnet-counters monitor -n quizbot --counters QuizBot.Interactions` shows them live; the host logs a
/// summary of them once a minute (<see cref="Hosting.InteractionSummaryLog"/>) instead of a line per interaction.
/// </summary>
public static class InteractionMetrics
{
    public const string MeterName = "QuizBot.Interactions";
    public const string DurationName = "quizbot.interaction.duration";
    public const string FailuresName = "quizbot.interaction.failures";

    private static readonly Meter Meter = new(MeterName);

    internal static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>(DurationName, "ms", "Time to handle one interaction");

    internal static Counter<long> Failures { get; } = Meter.CreateCounter<long>(FailuresName, description: "Interactions that failed with an error reference");
}
