namespace QuizBot.LoadGen;

/// <summary>What kind of interaction a request carried, as Discord types them.</summary>
internal enum InteractionKind
{
    Command,
    Button,
    Modal,
}

/// <summary>Latency percentiles and error count of one interaction kind.</summary>
internal sealed record KindSummary(InteractionKind Kind, int Requests, int Errors, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max);

/// <summary>
/// Every request's latency by kind, and every error with its reason; safe to record from many workers at once.
/// </summary>
internal sealed class LoadStats
{
    private readonly object sync = new();
    private readonly Dictionary<InteractionKind, List<TimeSpan>> latencies = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => new List<TimeSpan>());
    private readonly Dictionary<InteractionKind, int> sent = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => 0);
    private readonly Dictionary<InteractionKind, int> errors = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => 0);
    private readonly Dictionary<string, int> errorReasons = new(StringComparer.Ordinal);
    private int requests;
    private int errorCount;

    public int Requests => Volatile.Read(ref requests);

    public int Errors => Volatile.Read(ref errorCount);

    public void Record(InteractionKind kind, TimeSpan latency)
    {
        lock (sync)
        {
            latencies[kind].Add(latency);
            sent[kind]++;
        }

        Interlocked.Increment(ref requests);
    }

    /// <summary>An error: a failed exchange (no latency) or a wrong answer to a completed one.</summary>
    public void RecordError(InteractionKind kind, TimeSpan? latency, string reason)
    {
        lock (sync)
        {
            if (latency is { } measured)
            {
                latencies[kind].Add(measured);
            }

            sent[kind]++;
            errors[kind]++;
            errorReasons[reason] = errorReasons.GetValueOrDefault(reason) + 1;
        }

        Interlocked.Increment(ref requests);
        Interlocked.Increment(ref errorCount);
    }

    public IReadOnlyList<KindSummary> Summaries()
    {
        lock (sync)
        {
            return [.. latencies.Select(pair => Summarize(pair.Key, pair.Value, sent[pair.Key], errors[pair.Key]))];
        }
    }

    /// <summary>Error reasons, most frequent first.</summary>
    public IReadOnlyList<(string Reason, int Count)> ErrorReasons()
    {
        lock (sync)
        {
            return [.. errorReasons.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value))];
        }
    }

    private static KindSummary Summarize(InteractionKind kind, List<TimeSpan> measured, int requests, int errors)
    {
        var sorted = measured.Order().ToArray();
        return new KindSummary(kind, requests, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.LastOrDefault());
    }

    // Nearest rank: the smallest sample at or above the given share of all samples.
    private static TimeSpan Percentile(TimeSpan[] sorted, double share) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
