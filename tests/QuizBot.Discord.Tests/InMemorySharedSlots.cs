using QuizBot.Discord.Gateway;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// Shared identify slots in memory, one per key, as the database keeps them: free once their time has passed, taken
/// and confirmed by compare-and-set. Every take is recorded; a test may hold the next take's answer (the claim is made,
/// its caller resumes only when released), as a late thread on a loaded machine would.
/// </summary>
internal sealed class InMemorySharedSlots(TimeProvider time) : ISharedIdentifySlots
{
    private readonly Dictionary<int, DateTimeOffset> _nextAllowed = [];
    private readonly List<(int Key, DateTimeOffset At)> _taken = [];
    private readonly SemaphoreSlim _confirmed = new(0);
    private TaskCompletionSource? _holdNextTake;
    private TaskCompletionSource _tookHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Exception? Failure { get; init; }

    /// <summary>Confirms that found the slot still theirs.</summary>
    public int Confirms { get; private set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<(int Key, DateTimeOffset At)> Taken
    {
        get
        {
            lock (_nextAllowed)
            {
                return [.. _taken];
            }
        }
    }

    /// <summary>The next successful take claims the slot but answers only once the returned release is called.</summary>
    public (Task Took, Action Release) HoldNextTake()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_nextAllowed)
        {
            _holdNextTake = hold;
            _tookHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (_tookHeld.Task, () => hold.TrySetResult());
        }
    }

    /// <summary>Waits for one more confirm (of any outcome) than this has waited for so far.</summary>
    public Task ConfirmedAsync() => _confirmed.WaitAsync(GatewaySimulator.DefaultTimeout);

    public DateTimeOffset? NextAllowed(int key)
    {
        lock (_nextAllowed)
        {
            return _nextAllowed.TryGetValue(key, out var next) ? next : null;
        }
    }

    public async ValueTask<SharedSlotTake> TryTakeAsync(int rateLimitKey, TimeSpan hold, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var now = time.GetUtcNow();
        if (Failure is { } failure)
        {
            throw failure;
        }

        TaskCompletionSource? held;
        TaskCompletionSource tookHeld;
        lock (_nextAllowed)
        {
            if (_nextAllowed.TryGetValue(rateLimitKey, out var next) && next > now)
            {
                return new SharedSlotTake(false, next);
            }

            _nextAllowed[rateLimitKey] = now + hold;
            _taken.Add((rateLimitKey, now));
            (held, _holdNextTake, tookHeld) = (_holdNextTake, null, _tookHeld);
        }

        if (held is not null)
        {
            tookHeld.TrySetResult();
            await held.Task.WaitAsync(cancellationToken);
        }

        return new SharedSlotTake(true, now + hold);
    }

    public ValueTask<DateTimeOffset?> ConfirmAsync(int rateLimitKey, DateTimeOffset heldUntil, DateTimeOffset until, CancellationToken cancellationToken)
    {
        try
        {
            lock (_nextAllowed)
            {
                if (!_nextAllowed.TryGetValue(rateLimitKey, out var next) || next != heldUntil)
                {
                    return ValueTask.FromResult<DateTimeOffset?>(null);
                }

                Confirms++;
                _nextAllowed[rateLimitKey] = until;
                return ValueTask.FromResult<DateTimeOffset?>(until);
            }
        }
        finally
        {
            _confirmed.Release();
        }
    }
}
