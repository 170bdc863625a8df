using QuizBot.Core.Threading;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Tests.Progress;

/// <summary>The drawing threads run below the interaction threads' priority, as the kernel reports it.</summary>
public sealed class PictureThreadPriorityTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_drawing_thread_runs_at_a_lower_priority_than_the_thread_that_made_it()
    {
        var creator = BackgroundPriority.NiceOf(BackgroundPriority.CurrentThreadId()!.Value)!.Value;
        const int workers = 2;
        using var pictures = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), workers, queueCapacity: workers);

        // Both workers are held inside a drawing at once, so each reports its own thread.
        using var bothDrawing = new Barrier(workers);
        var seen = new (int Thread, int? Nice)[workers];
        var drawings = Enumerable.Range(0, workers).Select(i => pictures.RenderAsync($"member-{i}", "v1", () =>
        {
            var thread = BackgroundPriority.CurrentThreadId()!.Value;
            seen[i] = (thread, BackgroundPriority.NiceOf(thread));
            Assert.True(bothDrawing.SignalAndWait(Wait));
            return [(byte)i];
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(drawings).WaitAsync(Wait);

        Assert.Equal(workers, seen.Select(s => s.Thread).Distinct().Count());
        Assert.All(seen, s => Assert.Equal(Math.Min(creator + BackgroundPriority.DefaultSteps, BackgroundPriority.LowestNice), s.Nice));
        Assert.Equal(creator, BackgroundPriority.NiceOf(BackgroundPriority.CurrentThreadId()!.Value));
    }
}
