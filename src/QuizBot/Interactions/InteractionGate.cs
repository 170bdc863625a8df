namespace QuizBot.Interactions;

/// <summary>
/// Counts interactions in flight so shutdown can stop taking new ones and wait for the rest to finish.
/// </summary>
public sealed class InteractionGate
{
    private readonly object sync = new();
    private int inFlight;
    private bool closed;
    private TaskCompletionSource? drained;

    public int InFlight
    {
        get
        {
            lock (sync)
            {
                return inFlight;
            }
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (sync)
            {
                return closed;
            }
        }
    }

    /// <summary>Admits one interaction; false once shutdown has begun.</summary>
    public bool TryEnter()
    {
        lock (sync)
        {
            if (closed)
            {
                return false;
            }

            inFlight++;
            return true;
        }
    }

    public void Exit()
    {
        lock (sync)
        {
            inFlight--;
            if (inFlight == 0)
            {
                drained?.TrySetResult();
            }
        }
    }

    /// <summary>Stops admitting interactions and completes when those in flight have finished (or the token fires).</summary>
    public Task CloseAndDrainAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (sync)
        {
            closed = true;
            if (inFlight == 0)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = drained.Task;
        }

        return wait.WaitAsync(cancellationToken);
    }
}
