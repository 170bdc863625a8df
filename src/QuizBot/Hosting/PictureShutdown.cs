using Microsoft.Extensions.Hosting;
using QuizBot.Progress;

namespace QuizBot.Hosting;

/// <summary>
/// The drawing queue's part in a graceful stop: from the first stop signal nothing new is queued (those replies go out
/// as text at once), the pictures already waiting are drawn for at most <see cref="Budget"/>, and any still waiting then
/// go out as text; well inside <c>Discord:DrainTimeout</c>, so every deferred reply waiting on a picture is delivered.
/// </summary>
public sealed class PictureShutdown(ProgressPictures pictures, IHostApplicationLifetime lifetime) : IHostedService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private readonly Lock sync = new();
    private CancellationTokenRegistration stopping;
    private Task? stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(() => Stop());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.DisposeAsync();
        await Stop().WaitAsync(cancellationToken);
    }

    private Task Stop()
    {
        lock (sync)
        {
            return stopped ??= pictures.StopAsync(Budget);
        }
    }
}
