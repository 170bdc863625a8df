using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Core.Trivia;
using QuizBot.Modules;

namespace QuizBot.Hosting;

/// <summary>
/// The one loop that keeps trivia games moving on this instance. It reads the games with work left from the store,
/// and for each whose next step is due (and whose lease is free, expired or ours) starts a driver task that takes the
/// lease, renews it while it runs, and advances that game alone (<see cref="TriviaAnnouncer"/>). At most
/// <see cref="TriviaOptions.MaxConcurrentGames"/> drivers run at once; a slow or failing Discord call holds only its
/// own game. It sleeps until the next deadline, a poll interval (games started or stopped elsewhere), or a wake-up.
/// All waiting goes through <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class TriviaScheduler : BackgroundService
{
    private readonly ITriviaStore store;
    private readonly TriviaAnnouncer announcer;
    private readonly TriviaWakeUp wakeUp;
    private readonly TriviaOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<TriviaScheduler> logger;
    private readonly ConcurrentDictionary<string, Task> drivers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim slots;

    public TriviaScheduler(ITriviaStore store, TriviaAnnouncer announcer, TriviaWakeUp wakeUp, IOptions<TriviaOptions> options, TimeProvider time, ILogger<TriviaScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.announcer = announcer;
        this.wakeUp = wakeUp;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        slots = new SemaphoreSlim(this.options.MaxConcurrentGames, this.options.MaxConcurrentGames);
    }

    /// <summary>The driver task of a game this instance is advancing now, if any.</summary>
    public Task? DriverOf(string gameId) => drivers.GetValueOrDefault(gameId);

    /// <summary>Waits for every driver running now (tests use it to let a pass finish).</summary>
    public Task DriversIdleAsync() => Task.WhenAll(drivers.Values);

    /// <summary>
    /// One pass: starts a driver for every game that needs one now and is not driven here already. Returns when the
    /// next game will need one (null: none waiting); drivers run on after it returns.
    /// </summary>
    public async Task<DateTimeOffset?> StartDueDriversAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var games = await store.GetActiveAsync(cancellationToken);
        DateTimeOffset? next = null;
        foreach (var state in games)
        {
            var game = state.Game;
            if (drivers.ContainsKey(game.Id) || TriviaProgress.WakeAt(state, now, options.Timing) is not { } wake)
            {
                continue;
            }

            if (game.LeaseOwner is { } owner && owner != options.InstanceId && game.LeaseExpiresAt > wake)
            {
                // Another instance drives it; look again when its lease runs out, in case it went away.
                wake = game.LeaseExpiresAt;
            }

            if (wake <= now)
            {
                Launch(game.Id, cancellationToken);
            }
            else if (next is null || wake < next)
            {
                next = wake;
            }
        }

        return next;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DriversIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // A deploy's restart should not wait out the leases this instance held.
        try
        {
            foreach (var state in await store.GetActiveAsync(cancellationToken))
            {
                if (state.Game.LeaseOwner == options.InstanceId)
                {
                    await store.ReleaseLeaseAsync(state.Game.Id, options.InstanceId, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPassFailed(exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking at the games, so a game started meanwhile still cuts the wait short.
            var woken = wakeUp.Next;
            DateTimeOffset? next = null;
            try
            {
                next = await StartDueDriversAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(exception);
            }

            var wait = options.PollInterval;
            if (next is { } due && due - time.GetUtcNow() < wait)
            {
                wait = due - time.GetUtcNow() > TimeSpan.Zero ? due - time.GetUtcNow() : TimeSpan.Zero;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(wait, time, cancel.Token), woken.WaitAsync(cancel.Token));
            await cancel.CancelAsync();
        }
    }

    private void Launch(string gameId, CancellationToken stoppingToken)
    {
        var driver = DriveAsync(gameId, stoppingToken);
        drivers[gameId] = driver;
        _ = driver.ContinueWith(
            _ =>
            {
                drivers.TryRemove(new KeyValuePair<string, Task>(gameId, driver));
                wakeUp.Signal();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task DriveAsync(string gameId, CancellationToken stoppingToken)
    {
        // Yield first, so the pass that launched this driver goes on to the other games at once.
        await Task.Yield();
        try
        {
            await slots.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            if (await store.TryAcquireLeaseAsync(gameId, options.InstanceId, now, now + options.LeaseDuration, stoppingToken) is not { } lease)
            {
                return;
            }

            using var driving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewal = RenewWhileDrivingAsync(gameId, lease, driving);
            try
            {
                await announcer.AdvanceAsync(gameId, lease, driving.Token);
            }
            finally
            {
                await driving.CancelAsync();
                await renewal;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the game stays in the store for the next owner.
        }
        catch (Exception exception)
        {
            LogDriverFailed(exception, gameId);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Renews the lease every third of its length; if it was lost (another instance took it, or it ran out and a renewal
    /// had to start a new tenure), the driver is cancelled: its writes would be refused anyway.
    /// </summary>
    private async Task RenewWhileDrivingAsync(string gameId, TriviaLease lease, CancellationTokenSource driving)
    {
        var every = options.LeaseDuration / 3;
        try
        {
            while (!driving.IsCancellationRequested)
            {
                await Task.Delay(every, time, driving.Token);
                var now = time.GetUtcNow();
                if (await store.TryAcquireLeaseAsync(gameId, options.InstanceId, now, now + options.LeaseDuration, driving.Token) is not { } renewed
                    || renewed.Epoch != lease.Epoch)
                {
                    LogLeaseLost(gameId);
                    await driving.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The driver finished, or the lease was lost.
        }
        catch (Exception exception)
        {
            LogDriverFailed(exception, gameId);
            await driving.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trivia scheduler pass failed; trying again at the next one")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trivia game {GameId}: its driver failed; the next pass picks it up again")]
    private partial void LogDriverFailed(Exception exception, string gameId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trivia game {GameId}: another instance holds its lease now; stopped driving it")]
    private partial void LogLeaseLost(string gameId);
}
