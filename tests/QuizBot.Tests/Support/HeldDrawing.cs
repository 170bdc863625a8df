using QuizBot.Progress;

namespace QuizBot.Tests.Support;

/// <summary>
/// Occupies every drawing thread until released, so a picture asked for meanwhile waits in the queue; or, filling the
/// queue too, is refused (skipped) at once.
/// </summary>
internal sealed class HeldDrawing(ProgressPictures pictures, bool fillQueue = false) : IDisposable
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> started = [];
    private readonly List<Task<byte[]?>> drawings = [];

    /// <summary>Completes once every drawing thread is held (and the queue is full, when asked).</summary>
    public async Task StartedAsync()
    {
        for (var i = 0; i < pictures.Workers; i++)
        {
            var drawing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            started.Add(drawing.Task);
            drawings.Add(pictures.RenderAsync($"held-{i}", "v1", () => { drawing.SetResult(); release.Task.Wait(TimeSpan.FromSeconds(30)); return [0]; }, CancellationToken.None));
        }

        await Task.WhenAll(started).WaitAsync(TimeSpan.FromSeconds(30));
        if (fillQueue)
        {
            // Queued once the threads have taken the held drawings, so these take every slot.
            drawings.AddRange(Enumerable.Range(0, pictures.QueueCapacity).Select(i => pictures.RenderAsync($"filler-{i}", "v1", () => [1], CancellationToken.None)));
        }
    }

    public void Release() => release.TrySetResult();

    /// <summary>Releases the threads and waits until they have drawn everything held and queued.</summary>
    public Task ReleasedAsync()
    {
        Release();
        return Task.WhenAll(drawings).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => release.TrySetResult();
}
