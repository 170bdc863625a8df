using System.Collections.Concurrent;

namespace QuizBot.Discord.Testing;

/// <summary>Requests the fake REST server keeps waiting (see <see cref="FakeDiscordRestServer.Hold"/>) until <see cref="Release"/>.</summary>
public sealed class HeldRequests
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RecordedRequest> arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<RecordedRequest> waiting = new();

    private readonly Func<RecordedRequest, bool> match;
    private int remaining;

    internal HeldRequests(Func<RecordedRequest, bool> match, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        this.match = match;
        remaining = count;
    }

    /// <summary>Whether this hold takes <paramref name="request"/> (it matches, and fewer than the count were held).</summary>
    internal bool Takes(RecordedRequest request)
    {
        if (!match(request))
        {
            return false;
        }

        return Interlocked.Decrement(ref remaining) >= 0;
    }

    /// <summary>Completes with the first request held.</summary>
    public Task<RecordedRequest> Arrived => arrived.Task;

    /// <summary>Every request held so far (released or not).</summary>
    public IReadOnlyCollection<RecordedRequest> Held => waiting.ToArray();

    /// <summary>Lets every held request (and any later match) go on.</summary>
    public void Release() => released.TrySetResult();

    internal Task WaitAsync(RecordedRequest request)
    {
        waiting.Enqueue(request);
        arrived.TrySetResult(request);
        return released.Task;
    }
}
