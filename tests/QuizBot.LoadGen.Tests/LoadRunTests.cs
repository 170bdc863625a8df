namespace QuizBot.LoadGen.Tests;

public sealed class LoadRunTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_member_steps_in_turn_until_done_and_on_own_threads_never_on_the_pool(bool onOwnThreads)
    {
        var steps = 0;
        var members = Enumerable.Range(0, 6).Select(_ => new CountingMember(() => Interlocked.Increment(ref steps))).ToList();

        await LoadRun.RunAsync(members, null!, concurrency: 3, done: () => Volatile.Read(ref steps) >= 60, TimeProvider.System, onOwnThreads);

        // Each worker stops at the first look after done, so at most one step per worker past the target; the queue
        // hands every member out before any comes round again.
        Assert.InRange(steps, 60, 62);
        Assert.All(members, m => Assert.True(m.Steps > 0));
        Assert.All(members.SelectMany(m => m.OnPool), onPool => Assert.Equal(!onOwnThreads, onPool));
    }

    [Fact]
    public async Task A_step_that_throws_on_an_own_thread_fails_the_run_once_every_worker_is_out()
    {
        var steps = 0;
        var members = new List<IVirtualMember>
        {
            new CountingMember(() => Interlocked.Increment(ref steps)),
            new CountingMember(() => throw new InvalidOperationException("the bot sent nonsense")),
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LoadRun.RunAsync(members, null!, concurrency: 2, done: () => Volatile.Read(ref steps) >= 20, TimeProvider.System, onOwnThreads: true));

        Assert.Equal("the bot sent nonsense", failure.Message);
    }

    /// <summary>A member whose step runs <paramref name="step"/> synchronously and notes whether it ran on the pool.</summary>
    private sealed class CountingMember(Action step) : IVirtualMember
    {
        public List<bool> OnPool { get; } = [];

        public int Steps => OnPool.Count;

        public Task StepAsync(InteractionSender sender, long? intendedAt = null)
        {
            OnPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            step();
            return Task.CompletedTask;
        }
    }
}
