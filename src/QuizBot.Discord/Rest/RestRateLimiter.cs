namespace QuizBot.Discord.Rest;

/// <summary>
/// Client-side view of Discord's REST rate limits: per-bucket remaining/reset learned from answers (a bucket is
/// Discord's X-RateLimit-Bucket hash, or the route template until one is known, plus the route's major parameter),
/// and the global limit: Discord allows a bot token 50 requests per second across every process using it, so each
/// process takes a configured share (<see cref="GlobalRequestsPerSecond"/>, Discord:GlobalRequestsPerSecond) and never
/// sends more than that in any one-second window. Interaction endpoints (the callback, @original, follow-ups) are
/// outside the global limit, as Discord documents, and are not counted. One short lock guards the bookkeeping and is never held across a wait
/// or an HTTP call. State is bounded: buckets whose reset has passed carry nothing and are swept, and past
/// <see cref="MaxBuckets"/> the least recently used go first, so thousands of interaction tokens leave no trace.
/// </summary>
public sealed class RestRateLimiter
{
    /// <summary>Discord's global limit per bot token, shared by every process that uses the token.</summary>
    public const int DiscordGlobalRequestsPerSecond = 50;
    public const int DefaultMaxBuckets = 4096;

    /// <summary>Route templates are a short fixed list (one per REST call kind); this only guards against a bug.</summary>
    private const int MaxRouteTemplates = 512;

    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, string> _hashOfTemplate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recentGlobal = new();
    private DateTimeOffset _globalBlockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSweep;

    public RestRateLimiter(TimeProvider time)
        : this(time, DefaultMaxBuckets)
    {
    }

    /// <param name="globalRequestsPerSecond">This process's share of the bot's global limit (all of it by default).</param>
    public RestRateLimiter(TimeProvider time, int maxBuckets, int globalRequestsPerSecond = DiscordGlobalRequestsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(globalRequestsPerSecond, 1);
        _time = time;
        MaxBuckets = maxBuckets;
        GlobalRequestsPerSecond = globalRequestsPerSecond;
        _lastSweep = time.GetUtcNow();
    }

    public int MaxBuckets { get; }

    /// <summary>Globally limited requests this process sends in any one-second window at most.</summary>
    public int GlobalRequestsPerSecond { get; }

    /// <summary>How many buckets are remembered now (for tests and diagnostics).</summary>
    public int TrackedBuckets
    {
        get
        {
            lock (_sync)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>How many route templates have a known bucket hash.</summary>
    public int TrackedRouteTemplates
    {
        get
        {
            lock (_sync)
            {
                return _hashOfTemplate.Count;
            }
        }
    }

    /// <summary>
    /// Waits until a request on this route may go out, and counts it against its bucket (and the global limit,
    /// unless it is an interaction or webhook call). Nothing is held afterwards: send, then <see cref="Observe"/>.
    /// </summary>
    public async Task WaitAsync(RestRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(route);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Learns the route's bucket and its remaining/reset from an answer's headers.</summary>
    public void Observe(RestRoute route, RateLimitHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            if (headers.Bucket is { } hash && (_hashOfTemplate.Count < MaxRouteTemplates || _hashOfTemplate.ContainsKey(route.Template)))
            {
                _hashOfTemplate[route.Template] = hash;
            }

            if (headers.Remaining is { } remaining && headers.ResetAfter is { } resetAfter)
            {
                var bucket = GetOrAddBucket(BucketKey(route), now);
                bucket.Remaining = remaining;
                bucket.ResetAt = now + resetAfter;
            }

            SweepIfDue(now);
        }
    }

    /// <summary>After a 429: a global one blocks every globally limited call, any other blocks the route's bucket.</summary>
    public void OnRateLimited(RestRoute route, TimeSpan retryAfter, bool global)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            // A webhook call does not wait on the global gate, so a global answer to one blocks its own bucket.
            if (global && !route.IsInteractionOrWebhook)
            {
                if (now + retryAfter > _globalBlockedUntil)
                {
                    _globalBlockedUntil = now + retryAfter;
                }

                return;
            }

            var bucket = GetOrAddBucket(BucketKey(route), now);
            bucket.Remaining = 0;
            if (now + retryAfter > bucket.ResetAt)
            {
                bucket.ResetAt = now + retryAfter;
            }
        }
    }

    /// <summary>Zero when the request may go now (and was counted); otherwise how long to wait before asking again.</summary>
    private TimeSpan TryTake(RestRoute route)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            var countsGlobally = !route.IsInteractionOrWebhook;
            if (countsGlobally && now < _globalBlockedUntil)
            {
                return _globalBlockedUntil - now;
            }

            _buckets.TryGetValue(BucketKey(route), out var bucket);
            if (bucket is not null && now < bucket.ResetAt && bucket.Remaining <= 0)
            {
                return bucket.ResetAt - now;
            }

            if (countsGlobally)
            {
                while (_recentGlobal.Count > 0 && now - _recentGlobal.Peek() >= GlobalWindow)
                {
                    _recentGlobal.Dequeue();
                }

                if (_recentGlobal.Count >= GlobalRequestsPerSecond)
                {
                    return _recentGlobal.Peek() + GlobalWindow - now;
                }

                _recentGlobal.Enqueue(now);
            }

            if (bucket is not null)
            {
                bucket.LastUsed = now;
                if (now < bucket.ResetAt)
                {
                    bucket.Remaining--;
                }
            }

            return TimeSpan.Zero;
        }
    }

    // Discord's hash names a limit shared across routes; the major parameter still splits it per resource.
    private string BucketKey(RestRoute route) =>
        (_hashOfTemplate.TryGetValue(route.Template, out var hash) ? hash : route.Template) + "|" + route.Major;

    private Bucket GetOrAddBucket(string key, DateTimeOffset now)
    {
        if (_buckets.TryGetValue(key, out var bucket))
        {
            bucket.LastUsed = now;
            return bucket;
        }

        if (_buckets.Count >= MaxBuckets)
        {
            RemoveExpired(now);
        }

        if (_buckets.Count >= MaxBuckets)
        {
            // Forgetting a live bucket costs at worst one 429 later; growing without bound costs the process.
            var oldest = _buckets.MinBy(entry => entry.Value.LastUsed).Key;
            _buckets.Remove(oldest);
        }

        bucket = new Bucket { LastUsed = now };
        _buckets[key] = bucket;
        return bucket;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now - _lastSweep >= SweepEvery)
        {
            _lastSweep = now;
            RemoveExpired(now);
        }
    }

    /// <summary>A bucket past its reset says nothing the next answer will not tell again.</summary>
    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (now >= bucket.ResetAt)
            {
                _buckets.Remove(key);
            }
        }
    }

    private sealed class Bucket
    {
        public int Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
        public DateTimeOffset LastUsed { get; set; }
    }
}
