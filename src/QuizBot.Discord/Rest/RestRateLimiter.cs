using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace QuizBot.Discord.Rest;

/// <summary>
/// Client-side view of Discord's REST rate limits: per-bucket remaining/reset learned from response headers
/// (routes mapped to buckets by X-RateLimit-Bucket), plus the global 50 requests per second.
/// </summary>
public sealed class RestRateLimiter
{
    public const int GlobalRequestsPerSecond = 50;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _routeGates = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recentGlobal = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalBlockedUntil = DateTimeOffset.MinValue;

    public RestRateLimiter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>
    /// Waits until a request on this route may go out. Requests on one route go one at a time, so each sees
    /// the limits left by the previous answer. Dispose the lease after reading the answer's headers.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(string routeKey, bool countsGlobally, CancellationToken cancellationToken)
    {
        var gate = _routeGates.GetOrAdd(routeKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await WaitForBucketAsync(routeKey, cancellationToken);
            await WaitForGlobalAsync(countsGlobally, cancellationToken);
            return new Lease(gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Learns the route's bucket and its remaining/reset from an answer's headers.</summary>
    public void Observe(string routeKey, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Header(headers, "X-RateLimit-Bucket") is { } bucket)
        {
            _bucketOfRoute[routeKey] = bucket;
        }

        if (Number(headers, "X-RateLimit-Remaining") is { } remaining && Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
        {
            var state = _buckets.GetOrAdd(BucketKey(routeKey), _ => new BucketState());
            lock (state)
            {
                state.Remaining = (int)remaining;
                state.ResetAt = _time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
            }
        }
    }

    /// <summary>After a 429 on the route's bucket: nothing more goes out on it until the wait is over.</summary>
    public void BlockBucket(string routeKey, TimeSpan wait)
    {
        var state = _buckets.GetOrAdd(BucketKey(routeKey), _ => new BucketState());
        lock (state)
        {
            state.Remaining = 0;
            state.ResetAt = _time.GetUtcNow() + wait;
        }
    }

    /// <summary>After a global 429: no globally limited request goes out until the wait is over.</summary>
    public void BlockGlobally(TimeSpan wait)
    {
        lock (_globalLock)
        {
            var until = _time.GetUtcNow() + wait;
            if (until > _globalBlockedUntil)
            {
                _globalBlockedUntil = until;
            }
        }
    }

    // The bucket hash names a limit shared across routes; the route key still carries the top-level ids.
    private string BucketKey(string routeKey) =>
        _bucketOfRoute.TryGetValue(routeKey, out var bucket) ? $"{bucket}:{MajorPart(routeKey)}" : routeKey;

    private static string MajorPart(string routeKey) =>
        string.Join('/', routeKey.Split('/').Where(segment => segment.Length > 0 && segment.All(char.IsAsciiDigit)));

    private async Task WaitForBucketAsync(string routeKey, CancellationToken cancellationToken)
    {
        if (!_buckets.TryGetValue(BucketKey(routeKey), out var state))
        {
            return;
        }

        TimeSpan wait;
        lock (state)
        {
            var now = _time.GetUtcNow();
            if (now >= state.ResetAt)
            {
                return;
            }

            if (state.Remaining > 0)
            {
                state.Remaining--;
                return;
            }

            wait = state.ResetAt - now;
        }

        await Task.Delay(wait, _time, cancellationToken);
    }

    private async Task WaitForGlobalAsync(bool countsGlobally, CancellationToken cancellationToken)
    {
        if (!countsGlobally)
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (_globalLock)
            {
                var now = _time.GetUtcNow();
                while (_recentGlobal.Count > 0 && now - _recentGlobal.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _recentGlobal.Dequeue();
                }

                if (now < _globalBlockedUntil)
                {
                    wait = _globalBlockedUntil - now;
                }
                else if (_recentGlobal.Count >= GlobalRequestsPerSecond)
                {
                    wait = _recentGlobal.Peek() + TimeSpan.FromSeconds(1) - now;
                }
                else
                {
                    _recentGlobal.Enqueue(now);
                    return;
                }
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class BucketState
    {
        public int Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
