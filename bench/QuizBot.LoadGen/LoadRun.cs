using System.Collections.Concurrent;

namespace QuizBot.LoadGen;

/// <summary>How a run went: its stats, how long it took and the members with what each saw accepted.</summary>
internal sealed record RunOutcome(LoadStats Stats, TimeSpan Elapsed, IReadOnlyList<VirtualMember> Members);

/// <summary>
/// Drives the members: <c>concurrency</c> workers each take the member who has waited longest, send that member's
/// next interaction, and put them back, until the duration is up. Requests in flight at the end are finished, not
/// cut off, so every answer a member sent has a known outcome for the stored-answer check.
/// </summary>
internal static class LoadRun
{
    public static async Task<RunOutcome> RunAsync(IReadOnlyList<VirtualMember> members, InteractionSender sender, int concurrency, TimeSpan duration, TimeProvider time)
    {
        var waiting = new ConcurrentQueue<VirtualMember>(members);
        var started = time.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (time.GetElapsedTime(started) < duration && waiting.TryDequeue(out var member))
            {
                await member.StepAsync(sender);
                waiting.Enqueue(member);
            }
        }));
        await Task.WhenAll(workers);
        return new RunOutcome(sender.Stats, time.GetElapsedTime(started), members);
    }
}
