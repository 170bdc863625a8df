using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>The periodic trim of glibc's malloc heaps: on the clock, with the real function, wired into the bot.</summary>
public sealed class NativeMemoryTrimTests
{
    [Fact]
    public async Task The_service_trims_once_per_interval_and_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero));
        var trims = 0;
        var trimmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var service = new NativeMemoryTrim(
            () =>
            {
                Interlocked.Increment(ref trims);
                trimmed.TrySetResult();
            },
            time);
        await service.StartAsync(TestContext.Current.CancellationToken);

        time.Advance(NativeMemoryTrim.Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, Volatile.Read(ref trims));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await trimmed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        trimmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        time.Advance(NativeMemoryTrim.Interval);
        await trimmed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref trims));
        await service.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void On_Linux_with_glibc_the_trim_is_found_and_runs()
    {
        // The image and this workplace are Debian (glibc); elsewhere the bot runs without the service.
        var trim = NativeMemoryTrim.FindGlibcTrim();

        Assert.Equal(OperatingSystem.IsLinux(), trim is not null);
        trim?.Invoke();
    }

    [Fact]
    public void The_bot_trims_its_native_heap_where_glibc_is_the_C_library()
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

        var trims = app.Services.GetServices<IHostedService>().OfType<NativeMemoryTrim>();
        Assert.Equal(OperatingSystem.IsLinux() ? 1 : 0, trims.Count());
    }
}
