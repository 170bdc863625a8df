using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Core.Ports;
using QuizBot.Discord.Interactions;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>The sweep of expired interaction receipts: bounded batches, once a minute on the clock, wired into the bot.</summary>
public sealed class InteractionReceiptSweeperTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<IInteractionReceiptStore> receipts = new(MockBehavior.Strict);

    [Fact]
    public async Task A_sweep_deletes_batch_after_batch_until_one_comes_back_short()
    {
        receipts.SetupSequence(r => r.DeleteExpiredAsync(time.GetUtcNow(), InteractionReceiptSweeper.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(InteractionReceiptSweeper.BatchSize)
            .ReturnsAsync(InteractionReceiptSweeper.BatchSize)
            .ReturnsAsync(3);

        Assert.Equal((2 * InteractionReceiptSweeper.BatchSize) + 3, await Sweeper().SweepAsync(CancellationToken.None));
        receipts.Verify(r => r.DeleteExpiredAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_sweep_stops_after_its_batch_limit_even_if_more_have_expired()
    {
        receipts.Setup(r => r.DeleteExpiredAsync(It.IsAny<DateTimeOffset>(), InteractionReceiptSweeper.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(InteractionReceiptSweeper.BatchSize);

        await Sweeper().SweepAsync(CancellationToken.None);

        receipts.Verify(r => r.DeleteExpiredAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(InteractionReceiptSweeper.MaxBatchesPerSweep));
    }

    [Fact]
    public async Task The_service_sweeps_once_a_minute_and_a_failed_sweep_waits_for_the_next_minute()
    {
        var calls = 0;
        var swept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receipts.Setup(r => r.DeleteExpiredAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    swept.TrySetResult();
                    return ValueTask.FromException<int>(new TimeoutException("database busy"));
                }

                swept.TrySetResult();
                return ValueTask.FromResult(0);
            });
        using var sweeper = Sweeper();
        await sweeper.StartAsync(CancellationToken.None);

        time.Advance(InteractionReceiptSweeper.Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Volatile.Read(ref calls));
        time.Advance(TimeSpan.FromSeconds(1));
        await swept.Task.WaitAsync(TimeSpan.FromSeconds(10));
        swept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        time.Advance(InteractionReceiptSweeper.Interval);
        await swept.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Volatile.Read(ref calls));
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_bot_keeps_its_replay_guard_in_the_store_and_sweeps_it()
    {
        using var folder = new TempFolder();
        var start = BotHost.Prepare([], new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "http",
            ["Discord:ApplicationId"] = "4242",
            ["Discord:PublicKey"] = new string('a', 64),
            ["Storage:Path"] = folder.File("bot.db"),
            ["Content:Path"] = RepositoryPaths.Content,
        });
        Assert.True(start.App is not null, start.Error);
        using var app = start.App;

        Assert.IsType<StoreInteractionDeduplicator>(app.Services.GetRequiredService<IInteractionDeduplicator>());
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<InteractionReceiptSweeper>());
    }

    private InteractionReceiptSweeper Sweeper() => new(receipts.Object, time, NullLogger<InteractionReceiptSweeper>.Instance);
}
