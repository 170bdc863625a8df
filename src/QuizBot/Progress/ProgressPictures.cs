using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Threading;
using QuizBot.Pictures;

namespace QuizBot.Progress;

/// <summary>
/// Draws the stats card and the podium off the interaction path: requests wait in a bounded queue for
/// <see cref="Workers"/> drawing threads of their own (never the thread pool's, which serves the button presses), and
/// one picture per member (or per board) is cached until what it shows changes. When the queue is full, or once the
/// host is stopping, a request is not queued: it gets null at once, and the caller replies with its text alone and says
/// so. The same picture asked for twice while it waits is drawn once. The drawing threads run at a lower CPU priority
/// (<see cref="BackgroundPriority"/>): a card is milliseconds of CPU, and a button press waking meanwhile should not wait
/// for a core behind it.
/// </summary>
public sealed class ProgressPictures : IDisposable
{
    public const string StatsFileName = "stats.png";
    public const string PodiumFileName = "podium.png";

    /// <summary>
    /// The cached PNGs' bound: about 75 stats cards (53 KB) or 200 podiums (20 KB). A member's card changes with every
    /// answer, so the cache pays off for a member asking again before playing, and for a board's podium that several
    /// members ask for; 48 MB held every member's old card for an hour, most of the live heap in the soak (bench/STAGES.md).
    /// </summary>
    public const long CacheBytes = 4L * 1024 * 1024;

    /// <summary>A picture nobody asked for this long is dropped (its data has usually changed by then anyway).</summary>
    public static readonly TimeSpan CacheIdle = TimeSpan.FromMinutes(5);

    private readonly StatsCardRenderer statsRenderer;
    private readonly PodiumRenderer podiumRenderer;
    private readonly BlockingCollection<Job> queue;
    private readonly ConcurrentDictionary<string, Job> waiting = new(StringComparer.Ordinal);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CacheBytes });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider time;
    private int workersLeft;
    private int stopping;

    public ProgressPictures(StatsCardRenderer statsRenderer, PodiumRenderer podiumRenderer, int workers, int queueCapacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        this.statsRenderer = statsRenderer;
        this.podiumRenderer = podiumRenderer;
        this.time = time ?? TimeProvider.System;
        Workers = workers;
        QueueCapacity = queueCapacity;
        queue = new BlockingCollection<Job>(queueCapacity);
        workersLeft = workers;
        for (var i = 0; i < workers; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"quizbot-pictures-{i + 1}" }.Start();
        }
    }

    /// <summary>Threads that draw, each one picture at a time.</summary>
    public int Workers { get; }

    /// <summary>Pictures that may wait for a drawing thread; one more is refused (null) rather than queued.</summary>
    public int QueueCapacity { get; }

    /// <summary>Pictures waiting for a drawing thread right now.</summary>
    public int Queued => queue.Count;

    /// <summary>The member's progress card, or null when it is not drawn this time (queue full, or the host stopping).</summary>
    public Task<byte[]?> StatsCardAsync(PlayerKey player, StatsCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return RenderAsync($"stats\n{player.Scope}\n{player.UserId}", Fingerprint(card), () => statsRenderer.Render(card).Png, cancellationToken);
    }

    /// <summary>The board's podium, or null when it is not drawn this time (queue full, or the host stopping).</summary>
    public Task<byte[]?> PodiumAsync(string scope, LeaderboardPeriod period, LeaderboardMetric metric, Podium podium, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(podium);
        return RenderAsync($"podium\n{scope}\n{period}\n{metric}", Fingerprint(podium), () => podiumRenderer.Render(podium).Png, cancellationToken);
    }

    /// <summary>The cached picture under <paramref name="key"/> if it was drawn from the same data, else one drawn by a worker.</summary>
    internal Task<byte[]?> RenderAsync(string key, string fingerprint, Func<byte[]> render, CancellationToken cancellationToken)
    {
        if (Cached(key, fingerprint) is { } hit)
        {
            return Task.FromResult<byte[]?>(hit);
        }

        var job = new Job(key + "\n" + fingerprint, key, fingerprint, render);
        var queued = waiting.GetOrAdd(job.Id, job);
        if (!ReferenceEquals(queued, job))
        {
            // The same picture is already waiting or being drawn: share it.
            return queued.Picture.WaitAsync(cancellationToken);
        }

        if (Volatile.Read(ref stopping) == 1 || !TryAdd(job))
        {
            Finish(job, null);
        }

        return job.Picture.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The host is stopping: nothing new is queued, the workers draw what waits for at most <paramref name="budget"/>,
    /// and whatever still waits then is answered with null, so its reply goes out as text. Completes when the workers
    /// have finished.
    /// </summary>
    public async Task StopAsync(TimeSpan budget)
    {
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            queue.CompleteAdding();
        }

        try
        {
            await stopped.Task.WaitAsync(budget, time);
        }
        catch (TimeoutException)
        {
            SkipWaiting();
            await stopped.Task;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            queue.CompleteAdding();
        }

        SkipWaiting();
        cache.Dispose();
    }

    /// <summary>A hash of everything the picture shows: equal data, equal picture.</summary>
    internal static string Fingerprint<T>(T data) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(data)));

    private bool TryAdd(Job job)
    {
        try
        {
            return queue.TryAdd(job);
        }
        catch (InvalidOperationException)
        {
            // Adding was completed between the check and the add: the host is stopping.
            return false;
        }
    }

    private void Work()
    {
        BackgroundPriority.LowerCurrentThread();
        foreach (var job in queue.GetConsumingEnumerable())
        {
            try
            {
                // A request for the same picture may have been drawn while this one waited.
                var png = Cached(job.Key, job.Fingerprint) ?? job.Render();
                cache.Set(job.Key, new CachedPicture(job.Fingerprint, png), new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = CacheIdle });
                Finish(job, png);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                waiting.TryRemove(new KeyValuePair<string, Job>(job.Id, job));
                job.Fail(exception);
            }
        }

        if (Interlocked.Decrement(ref workersLeft) == 0)
        {
            stopped.TrySetResult();
        }
    }

    /// <summary>Answers every picture still waiting with null: it will not be drawn.</summary>
    private void SkipWaiting()
    {
        while (queue.TryTake(out var job))
        {
            Finish(job, null);
        }
    }

    private void Finish(Job job, byte[]? png)
    {
        waiting.TryRemove(new KeyValuePair<string, Job>(job.Id, job));
        job.Complete(png);
    }

    private byte[]? Cached(string key, string fingerprint) =>
        cache.TryGetValue(key, out CachedPicture? cached) && cached!.Fingerprint == fingerprint ? cached.Png : null;

    private sealed record CachedPicture(string Fingerprint, byte[] Png);

    /// <summary>One picture to draw, and those waiting for it (continuations run off the drawing thread).</summary>
    private sealed class Job(string id, string key, string fingerprint, Func<byte[]> render)
    {
        private readonly TaskCompletionSource<byte[]?> picture = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id => id;

        public string Key => key;

        public string Fingerprint => fingerprint;

        public Task<byte[]?> Picture => picture.Task;

        public byte[] Render() => render();

        public void Complete(byte[]? png) => picture.TrySetResult(png);

        public void Fail(Exception exception) => picture.TrySetException(exception);
    }
}
