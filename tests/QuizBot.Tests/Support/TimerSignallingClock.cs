using Microsoft.Extensions.Time.Testing;

namespace QuizBot.Tests.Support;

/// <summary>
/// A fake clock that says when code starts waiting on it: every timer created (a Task.Delay or PeriodicTimer over this
/// clock) is counted, so a test advances the clock only once the code under test is waiting, never on a guess.
/// </summary>
internal sealed class TimerSignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim created = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Release();
        return timer;
    }

    /// <summary>Completes when the next timer not yet waited for has been created (the code is now waiting on the clock).</summary>
    public async Task TimerCreatedAsync()
    {
        if (!await created.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("Nothing started waiting on the clock within 30 s.");
        }
    }
}
