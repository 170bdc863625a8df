using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuizBot.Interactions;

namespace QuizBot.Hosting;

/// <summary>
/// Graceful shutdown: on SIGTERM (ApplicationStopping) the gate stops admitting interactions at once; when this
/// service stops, it waits for those in flight to finish, so the database is closed only after the last write.
/// </summary>
public sealed partial class InteractionShutdown(InteractionGate gate, IHostApplicationLifetime lifetime, ILogger<InteractionShutdown> logger) : IHostedService
{
    private CancellationTokenRegistration stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(() => _ = gate.CloseAndDrainAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.DisposeAsync();
        var inFlight = gate.InFlight;
        if (inFlight > 0)
        {
            LogDraining(inFlight);
        }

        try
        {
            await gate.CloseAndDrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogGaveUp(gate.InFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: waiting for {InFlight} interaction(s) in flight")]
    private partial void LogDraining(int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout: {InFlight} interaction(s) still in flight")]
    private partial void LogGaveUp(int inFlight);
}
