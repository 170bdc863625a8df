using System.Collections.Concurrent;

namespace QuizBot.LoadGen;

/// <summary>
/// The closed loop: <c>concurrency</c> workers each take the member who has waited longest, send that member's next
/// interaction, and put them back, until <c>done</c> says stop. Requests in flight at the end are finished, not cut
/// off, so every answer a member sent has a known outcome for the stored-answer check.
/// </summary>
internal static class LoadRun
{
    /// <param name="onOwnThreads">
    /// Workers are threads of their own, each waiting for its member's step to finish: for a sender whose client blocks
    /// (<see cref="LoadHttpClient.Blocking"/>), so no thread-pool thread is ever blocked. Otherwise workers are tasks on
    /// the pool.
    /// </param>
    public static Task<TimeSpan> RunAsync(IReadOnlyList<IVirtualMember> members, InteractionSender sender, int concurrency, Func<bool> done, TimeProvider time, bool onOwnThreads = false) =>
        onOwnThreads ? RunOnThreadsAsync(members, sender, concurrency, done, time) : RunOnPoolAsync(members, sender, concurrency, done, time);

    /// <summary>A stop condition: <paramref name="duration"/> after now.</summary>
    public static Func<bool> For(TimeSpan duration, TimeProvider time)
    {
        var started = time.GetTimestamp();
        return () => time.GetElapsedTime(started) >= duration;
    }

    private static async Task<TimeSpan> RunOnPoolAsync(IReadOnlyList<IVirtualMember> members, InteractionSender sender, int concurrency, Func<bool> done, TimeProvider time)
    {
        var waiting = new ConcurrentQueue<IVirtualMember>(members);
        var started = time.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!done() && waiting.TryDequeue(out var member))
            {
                await member.StepAsync(sender);
                waiting.Enqueue(member);
            }
        }));
        await Task.WhenAll(workers);
        return time.GetElapsedTime(started);
    }

    private static Task<TimeSpan> RunOnThreadsAsync(IReadOnlyList<IVirtualMember> members, InteractionSender sender, int concurrency, Func<bool> done, TimeProvider time)
    {
        var waiting = new ConcurrentQueue<IVirtualMember>(members);
        var started = time.GetTimestamp();
        var finished = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = concurrency;
        Exception? failure = null;
        for (var i = 0; i < concurrency; i++)
        {
            new Thread(() =>
            {
                try
                {
                    while (!done() && waiting.TryDequeue(out var member))
                    {
                        member.StepAsync(sender).GetAwaiter().GetResult();
                        waiting.Enqueue(member);
                    }
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref failure, exception, null);
                }

                // The last worker out reports, as Task.WhenAll would: the first failure, or the time taken.
                if (Interlocked.Decrement(ref running) == 0)
                {
                    if (failure is not null)
                    {
                        finished.SetException(failure);
                    }
                    else
                    {
                        finished.SetResult(time.GetElapsedTime(started));
                    }
                }
            })
            { IsBackground = true, Name = "closed loop" }.Start();
        }

        return finished.Task;
    }
}
