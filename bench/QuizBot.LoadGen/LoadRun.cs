using System.Collections.Concurrent;

namespace QuizBot.LoadGen;

/// <summary>
/// The closed loop: <c>concurrency</c> workers each take the member who has waited longest, send that member's next
/// interaction, and put them back, until <c>done</c> says stop. Requests in flight at the end are finished, not cut
/// off, so every answer a member sent has a known outcome for the stored-answer check.
/// </summary>
internal static class LoadRun
{
    public static async Task<TimeSpan> RunAsync(IReadOnlyList<IVirtualMember> members, InteractionSender sender, int concurrency, Func<bool> done, TimeProvider time)
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

    /// <summary>A stop condition: <paramref name="duration"/> after now.</summary>
    public static Func<bool> For(TimeSpan duration, TimeProvider time)
    {
        var started = time.GetTimestamp();
        return () => time.GetElapsedTime(started) >= duration;
    }
}
