namespace QuizBot.Hosting;

/// <summary>Wakes the <see cref="TriviaScheduler"/> early: a game started or stopped here, or a game's driver finished.</summary>
public sealed class TriviaWakeUp
{
    private readonly Lock gate = new();
    private TaskCompletionSource signal = NewSignal();

    /// <summary>Completes at the next <see cref="Signal"/>. Take it before looking at the games, so a signal meanwhile is not missed.</summary>
    public Task Next
    {
        get
        {
            lock (gate)
            {
                return signal.Task;
            }
        }
    }

    public void Signal()
    {
        lock (gate)
        {
            signal.TrySetResult();
            signal = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
