using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Pictures;

namespace QuizBot.Progress;

/// <summary>
/// Renders the stats card and the podium off the hot path: at most <see cref="MaxConcurrentRenders"/> at once
/// (the rest wait their turn), and one cached picture per member (or per board), reused until what it shows
/// changes — a member's next answer or review changes their card, so it is drawn again.
/// </summary>
public sealed class ProgressPictures : IDisposable
{
    public const string StatsFileName = "stats.png";
    public const string PodiumFileName = "podium.png";
    public const long CacheBytes = 48L * 1024 * 1024;

    private readonly StatsCardRenderer statsRenderer;
    private readonly PodiumRenderer podiumRenderer;
    private readonly SemaphoreSlim slots;
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CacheBytes });

    public ProgressPictures(StatsCardRenderer statsRenderer, PodiumRenderer podiumRenderer, int maxConcurrentRenders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRenders, 1);
        this.statsRenderer = statsRenderer;
        this.podiumRenderer = podiumRenderer;
        MaxConcurrentRenders = maxConcurrentRenders;
        slots = new SemaphoreSlim(maxConcurrentRenders, maxConcurrentRenders);
    }

    public int MaxConcurrentRenders { get; }

    /// <summary>Render slots free right now.</summary>
    internal int FreeSlots => slots.CurrentCount;

    public Task<byte[]> StatsCardAsync(PlayerKey player, StatsCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return RenderAsync($"stats\n{player.Scope}\n{player.UserId}", Fingerprint(card), () => statsRenderer.Render(card).Png, cancellationToken);
    }

    public Task<byte[]> PodiumAsync(string scope, LeaderboardPeriod period, LeaderboardMetric metric, Podium podium, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(podium);
        return RenderAsync($"podium\n{scope}\n{period}\n{metric}", Fingerprint(podium), () => podiumRenderer.Render(podium).Png, cancellationToken);
    }

    /// <summary>The cached picture under <paramref name="key"/> if it was drawn from the same data, else a fresh one.</summary>
    internal async Task<byte[]> RenderAsync(string key, string fingerprint, Func<byte[]> render, CancellationToken cancellationToken)
    {
        if (Cached(key, fingerprint) is { } hit)
        {
            return hit;
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            // A request for the same picture may have drawn it while this one waited for a slot.
            if (Cached(key, fingerprint) is { } drawn)
            {
                return drawn;
            }

            var png = render();
            cache.Set(key, new CachedPicture(fingerprint, png), new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = TimeSpan.FromHours(1) });
            return png;
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        cache.Dispose();
    }

    /// <summary>A hash of everything the picture shows: equal data, equal picture.</summary>
    internal static string Fingerprint<T>(T data) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(data)));

    private byte[]? Cached(string key, string fingerprint) =>
        cache.TryGetValue(key, out CachedPicture? cached) && cached!.Fingerprint == fingerprint ? cached.Png : null;

    private sealed record CachedPicture(string Fingerprint, byte[] Png);
}
