using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// HTTP mode's half of a graceful stop: when the host stops, answers still owed (deferred replies being edited,
/// handlers still running) get up to <see cref="DiscordOptions.DrainTimeout"/> to be delivered before anything is
/// aborted. The gateway client does the same itself before it closes its socket.
/// </summary>
public sealed class InteractionDrainService(InteractionDispatcher dispatcher, IOptions<DiscordOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => dispatcher.DrainAsync(options.Value.DrainTimeout, cancellationToken);
}
