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
/// so; those already waiting keep their place. A picture that has waited longer than <see cref="MaxWait"/> when a thread
/// comes to it is not drawn either (null): its member has moved on, and the threads catch up with the queue at once.
/// The same picture asked for twice while it waits is drawn once. The drawing threads run at a lower CPU priority
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

    /// <summary>
    /// The longest a picture waits for a drawing thread before it is given up. The text went out at once, and Discord
    /// accepts the edit for 15 minutes, but a card appearing this late under a message the member has scrolled past helps
    /// nobody: only when the threads have fallen this far behind (a saturated machine) is a waiting picture skipped.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly StatsCardRenderer statsRenderer;
    private readonly PodiumRenderer podiumRenderer;
    private readonly BlockingCollection<Job> queue;
    private readonly ConcurrentDictionary<string, Job> waiting = new(StringComparer.Ordinal);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CacheBytes });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider time;
    private int workersLeft;
    private int stopping;
    private long drawn;
    private long reused;
    private long refused;
    private long late;

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

    /// <summary>What became of the pictures asked for so far.</summary>
    public PictureCounts Counts => new(
        Interlocked.Read(ref drawn), Interlocked.Read(ref reused), Interlocked.Read(ref refused), Interlocked.Read(ref late));

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
            Interlocked.Increment(ref reused);
            return Task.FromResult<byte[]?>(hit);
        }

        var job = new Job(key + "\n" + fingerprint, key, fingerprint, render, time.GetTimestamp());
        var queued = waiting.GetOrAdd(job.Id, job);
        if (!ReferenceEquals(queued, job))
        {
            // The same picture is already waiting or being drawn: share it.
            Interlocked.Increment(ref reused);
            return queued.Picture.WaitAsync(cancellationToken);
        }

        if (Volatile.Read(ref stopping) == 1 || !TryAdd(job))
        {
            Interlocked.Increment(ref refused);
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
                if (Cached(job.Key, job.Fingerprint) is { } hit)
                {
                    Interlocked.Increment(ref reused);
                    Finish(job, hit);
                    continue;
                }

                if (time.GetElapsedTime(job.QueuedAt) > MaxWait)
                {
                    Interlocked.Increment(ref late);
                    Finish(job, null);
                    continue;
                }

                var png = job.Render();
                Interlocked.Increment(ref drawn);
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
    private sealed class Job(string id, string key, string fingerprint, Func<byte[]> render, long queuedAt)
    {
        private readonly TaskCompletionSource<byte[]?> picture = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id => id;

        public string Key => key;

        public string Fingerprint => fingerprint;

        /// <summary>When it was queued, on the <see cref="TimeProvider"/>'s timestamp clock.</summary>
        public long QueuedAt => queuedAt;

        public Task<byte[]?> Picture => picture.Task;

        public byte[] Render() => render();

        public void Complete(byte[]? png) => picture.TrySetResult(png);

        public void Fail(Exception exception) => picture.TrySetException(exception);
    }
}

/// <summary>
/// Pictures so far: drawn by a thread; reused (the same data's picture from the cache, or shared with an identical request
/// waiting); refused at once (queue full, or stopping); given up after waiting longer than <see cref="ProgressPictures.MaxWait"/>.
/// </summary>
public sealed record PictureCounts(long Drawn, long Reused, long Refused, long Late)
{
    /// <summary>Replies that went out saying their picture was skipped.</summary>
    public long Skipped => Refused + Late;
}
