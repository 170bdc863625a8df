using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Hosting;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Tests.Hosting;

public sealed class PictureShutdownTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ProgressPictures pictures;
    private readonly PictureShutdown shutdown;

    public PictureShutdownTests()
    {
        pictures = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), workers: 1, queueCapacity: 4, time);
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.SetupGet(l => l.ApplicationStopping).Returns(stopping.Token);
        shutdown = new PictureShutdown(pictures, lifetime.Object);
    }

    [Fact]
    public async Task From_the_stop_signal_nothing_is_queued_and_the_host_stops_once_the_waiting_pictures_are_drawn()
    {
        await shutdown.StartAsync(CancellationToken.None);
        var drawing = pictures.RenderAsync("member-0", "v1", Held, CancellationToken.None);
        await started.Task.WaitAsync(Wait);
        var waiting = pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None);

        await stopping.CancelAsync();
        Assert.Null(await pictures.RenderAsync("member-2", "v1", () => [2], CancellationToken.None).WaitAsync(Wait));
        var stop = shutdown.StopAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted);

        release.SetResult();
        await stop.WaitAsync(Wait);
        Assert.Equal([0], await drawing);
        Assert.Equal([1], await waiting);
    }

    [Fact]
    public async Task Past_the_budget_the_waiting_pictures_are_given_up_so_their_replies_go_out_as_text()
    {
        await shutdown.StartAsync(CancellationToken.None);
        var drawing = pictures.RenderAsync("member-0", "v1", Held, CancellationToken.None);
        await started.Task.WaitAsync(Wait);
        var waiting = pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None);

        await stopping.CancelAsync();
        time.Advance(PictureShutdown.Budget);

        Assert.Null(await waiting.WaitAsync(Wait));
        release.SetResult();
        await shutdown.StopAsync(CancellationToken.None).WaitAsync(Wait);
        Assert.Equal([0], await drawing);
    }

    public void Dispose()
    {
        release.TrySetResult();
        pictures.Dispose();
        stopping.Dispose();
    }

    private byte[] Held()
    {
        started.TrySetResult();
        release.Task.Wait(Wait);
        return [0];
    }
}
