using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Tests.Progress;

public sealed class ProgressPicturesTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ProgressPictures pictures = new(new StatsCardRenderer(), new PodiumRenderer(), maxConcurrentRenders: 2);

    [Fact]
    public async Task No_more_than_the_allowed_renders_run_at_once_and_the_next_starts_when_one_ends()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new[] { Started(), Started(), Started() };
        byte[] Render(int i)
        {
            started[i].SetResult();
            release.Task.Wait(Wait);
            return [(byte)i];
        }

        var first = Task.Run(() => pictures.RenderAsync("member-0", "v1", () => Render(0), CancellationToken.None));
        var second = Task.Run(() => pictures.RenderAsync("member-1", "v1", () => Render(1), CancellationToken.None));
        await Task.WhenAll(started[0].Task, started[1].Task).WaitAsync(Wait);
        Assert.Equal(0, pictures.FreeSlots);
        var third = Task.Run(() => pictures.RenderAsync("member-2", "v1", () => Render(2), CancellationToken.None));

        // Both slots are held: the third request waits (its render has not started) until one is released.
        await AssertWaitingAsync(third);
        Assert.False(started[2].Task.IsCompleted);
        release.SetResult();
        await started[2].Task.WaitAsync(Wait);
        Assert.Equal([[0], [1], [2]], await Task.WhenAll(first, second, third).WaitAsync(Wait));
        Assert.Equal(2, pictures.FreeSlots);
    }

    [Fact]
    public async Task A_members_picture_is_reused_until_its_data_changes()
    {
        var renders = 0;
        byte[] Render() => [(byte)++renders];

        var first = await pictures.RenderAsync("member", "answered-10", Render, CancellationToken.None);
        var again = await pictures.RenderAsync("member", "answered-10", Render, CancellationToken.None);
        var afterAnswer = await pictures.RenderAsync("member", "answered-11", Render, CancellationToken.None);
        var someoneElse = await pictures.RenderAsync("other", "answered-10", Render, CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal([2], afterAnswer);
        Assert.Equal([3], someoneElse);
        Assert.Equal(3, renders);
    }

    [Fact]
    public async Task A_request_waiting_for_a_slot_takes_the_picture_drawn_meanwhile()
    {
        using var single = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), maxConcurrentRenders: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Started();
        var renders = 0;
        byte[] Slow()
        {
            Interlocked.Increment(ref renders);
            started.SetResult();
            release.Task.Wait(Wait);
            return [1];
        }

        var drawing = Task.Run(() => single.RenderAsync("member", "v1", Slow, CancellationToken.None));
        await started.Task.WaitAsync(Wait);
        var waiting = Task.Run(() => single.RenderAsync("member", "v1", () => { Interlocked.Increment(ref renders); return [2]; }, CancellationToken.None));
        await AssertWaitingAsync(waiting);
        release.SetResult();

        Assert.Same(await drawing.WaitAsync(Wait), await waiting.WaitAsync(Wait));
        Assert.Equal(1, renders);
    }

    [Fact]
    public void Equal_data_gives_equal_fingerprints_and_any_change_a_new_one()
    {
        var card = PictureSamples.StatsCard;
        var copy = card with { Topics = [.. card.Topics], Days = [.. card.Days] };

        Assert.Equal(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(copy));
        Assert.NotEqual(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(card with { Answered = card.Answered + 1 }));
        Assert.NotEqual(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(card with { DueByDay = [.. card.DueByDay.Skip(1), 0] }));
    }

    public void Dispose() => pictures.Dispose();

    private static TaskCompletionSource Started() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The task is parked on the semaphore: give it every chance to run, then check it has not finished.</summary>
    private static async Task AssertWaitingAsync(Task task)
    {
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
        }

        Assert.False(task.IsCompleted);
    }
}
