using QuizBot.Progress;

namespace QuizBot.Tests.Support;

/// <summary>Occupies every drawing thread until released, so a picture asked for meanwhile waits in the queue.</summary>
internal sealed class HeldDrawing : IDisposable
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> started = [];
    private readonly List<Task<byte[]?>> drawings = [];

    public HeldDrawing(ProgressPictures pictures)
    {
        for (var i = 0; i < pictures.Workers; i++)
        {
            var drawing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            started.Add(drawing.Task);
            drawings.Add(pictures.RenderAsync($"held-{i}", "v1", () => { drawing.SetResult(); release.Task.Wait(TimeSpan.FromSeconds(30)); return [0]; }, CancellationToken.None));
        }
    }

    public Task StartedAsync() => Task.WhenAll(started).WaitAsync(TimeSpan.FromSeconds(30));

    public void Release() => release.TrySetResult();

    /// <summary>Releases the threads and waits until they have finished the held drawings.</summary>
    public Task ReleasedAsync()
    {
        Release();
        return Task.WhenAll(drawings).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => release.TrySetResult();
}
