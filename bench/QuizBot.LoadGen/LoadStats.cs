namespace QuizBot.LoadGen;

/// <summary>What kind of interaction a request carried, as Discord types them.</summary>
internal enum InteractionKind
{
    Ping,
    Command,
    Button,
    Modal,
}

/// <summary>Latency percentiles and error count of one interaction kind (or of all, with a null kind).</summary>
internal sealed record KindSummary(InteractionKind? Kind, int Requests, int Errors, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max);

/// <summary>
/// Every request's latency by kind, and every error with its reason; safe to record from many workers at once.
/// </summary>
internal sealed class LoadStats
{
    private readonly Lock sync = new();
    private readonly Dictionary<InteractionKind, List<TimeSpan>> latencies = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => new List<TimeSpan>());
    private readonly Dictionary<InteractionKind, int> sent = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => 0);
    private readonly Dictionary<InteractionKind, int> errors = Enum.GetValues<InteractionKind>().ToDictionary(k => k, _ => 0);
    private readonly Dictionary<string, int> errorReasons = new(StringComparer.Ordinal);
    private int requests;
    private int errorCount;
    private int deferredCount;
    private readonly List<TimeSpan> pictureDeliveries = [];

    public int Requests => Volatile.Read(ref requests);

    public int Errors => Volatile.Read(ref errorCount);

    /// <summary>Replies the bot deferred for being slow and delivered later (their latency runs to the delivery).</summary>
    public int Deferred => Volatile.Read(ref deferredCount);

    public void CountDeferred() => Interlocked.Increment(ref deferredCount);

    /// <summary>
    /// A picture reply's edit of @original arrived: its latency from the intended start to that delivery. Kept apart from
    /// the interactions' own latencies (those end at the deferral, the member's "thinking…"), so both are seen.
    /// </summary>
    public void RecordPictureDelivery(TimeSpan latency)
    {
        lock (sync)
        {
            pictureDeliveries.Add(latency);
        }
    }

    /// <summary>The picture replies' deliveries, as a row of their own (null when none arrived).</summary>
    public KindSummary? PictureDeliveries()
    {
        lock (sync)
        {
            return pictureDeliveries.Count == 0 ? null : Summarize(null, pictureDeliveries, pictureDeliveries.Count, 0);
        }
    }

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

    /// <summary>One row per kind that was sent.</summary>
    public IReadOnlyList<KindSummary> Summaries()
    {
        lock (sync)
        {
            return [.. latencies.Where(pair => sent[pair.Key] > 0).Select(pair => Summarize(pair.Key, pair.Value, sent[pair.Key], errors[pair.Key]))];
        }
    }

    /// <summary>All kinds together.</summary>
    public KindSummary Overall()
    {
        lock (sync)
        {
            return Summarize(null, [.. latencies.Values.SelectMany(l => l)], sent.Values.Sum(), errors.Values.Sum());
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

    // The small tolerance keeps 0.99 × 100 at rank 99 despite binary floating point.
    /// <summary>Nearest rank: the smallest sample with at least <paramref name="share"/> of all samples at or below it.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double share)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling((share * sorted.Count) - 1e-9) - 1, 0, sorted.Count - 1)];
    }

    private static KindSummary Summarize(InteractionKind? kind, List<TimeSpan> measured, int requests, int errors)
    {
        var sorted = measured.Order().ToArray();
        return new KindSummary(kind, requests, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted.LastOrDefault());
    }
}
