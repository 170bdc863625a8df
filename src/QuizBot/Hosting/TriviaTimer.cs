using Microsoft.Extensions.Hosting;
using QuizBot.Modules;

namespace QuizBot.Hosting;

/// <summary>
/// Wakes at the next trivia deadline (or when a game starts or ends) and has <see cref="TriviaAnnouncer"/> reveal
/// every question whose time is up. All waiting goes through <see cref="TimeProvider"/>.
/// </summary>
public sealed class TriviaTimer(LiveTriviaGames games, TriviaAnnouncer announcer, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking at the games, so a game added meanwhile still wakes the wait below.
            var changed = games.Changed;
            await announcer.RevealDueAsync(stoppingToken);

            var next = games.All
                .Select(live => live.Read(game => game.IsFinished ? (DateTimeOffset?)null : game.Deadline))
                .Min();
            var wait = next is { } deadline ? Max(deadline - time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(wait, time, cancel.Token), changed.WaitAsync(cancel.Token));
            await cancel.CancelAsync();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
