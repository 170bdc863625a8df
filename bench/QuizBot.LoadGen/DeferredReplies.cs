namespace QuizBot.LoadGen;

/// <summary>
/// The deferred replies the bot owes: each /stats or /leaderboard that answered "thinking" (type 5) must be followed
/// by its edit of @original (the message with its picture) through the REST API, which <see cref="RestSink"/> stands
/// in for. Either may be seen first; what matters is that every deferral is delivered exactly once.
/// </summary>
internal sealed class DeferredReplies
{
    private readonly Lock sync = new();
    private readonly HashSet<string> expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> delivered = new(StringComparer.Ordinal);
    private readonly List<string> strays = [];

    public void Expect(string token)
    {
        lock (sync)
        {
            expected.Add(token);
        }
    }

    /// <summary>An edit of @original arrived for <paramref name="token"/>; <paramref name="withFile"/> when it was multipart.</summary>
    public void Delivered(string token, bool withFile)
    {
        lock (sync)
        {
            delivered[token] = delivered.GetValueOrDefault(token) + 1;
            if (!withFile)
            {
                strays.Add($"the edit for {token} carried no file");
            }
        }
    }

    /// <summary>A REST call the measured flows should never make.</summary>
    public void Stray(string what)
    {
        lock (sync)
        {
            strays.Add(what);
        }
    }

    public int Pending
    {
        get
        {
            lock (sync)
            {
                return expected.Count(t => !delivered.ContainsKey(t));
            }
        }
    }

    /// <summary>Waits (polling on <paramref name="time"/>) until every deferral is delivered or <paramref name="patience"/> runs out.</summary>
    public async Task WaitForDeliveriesAsync(TimeSpan patience, TimeProvider time)
    {
        var started = time.GetTimestamp();
        while (Pending > 0 && time.GetElapsedTime(started) < patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
    }

    /// <summary>The verdict: every deferral delivered once, nothing else called.</summary>
    public CheckResult Check()
    {
        lock (sync)
        {
            var missing = expected.Count(t => !delivered.ContainsKey(t));
            var twice = delivered.Count(p => p.Value > 1);
            var unasked = delivered.Keys.Count(t => !expected.Contains(t));
            var lines = new List<string>
            {
                $"deferred replies {expected.Count}, delivered {expected.Count - missing}, missing {missing}, delivered twice {twice}, unasked {unasked}, other REST calls {strays.Count}",
            };
            lines.AddRange(strays.Take(5));
            return new CheckResult(missing == 0 && twice == 0 && unasked == 0 && strays.Count == 0, lines);
        }
    }
}
