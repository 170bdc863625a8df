using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// Two gateway clients (two processes of one bot) sharing identify slots, as the app's database shares them: a key
/// taken by one client's shard holds the other client's shard of that key for 5 s of the shared clock, other keys go
/// at once, resumes take no slot, and slots that fail do not keep a shard from identifying. Fake clock, no sleeps.
/// </summary>
public sealed class SharedIdentifySlotsTests
{
    private const int Identify = 2;
    private const int Resume = 6;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_key_another_process_took_waits_five_seconds_while_a_free_key_identifies_at_once()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new SharedSlots(time);
        var t0 = time.GetUtcNow();
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 2);

        // The first process runs shard 0 (key 0) and identifies at once.
        await discord.StartProcessAsync("first", "0", 4, time, slots);
        var (_, identify0) = await discord.AcceptShardAsync();
        Assert.Equal(0, identify0["shard"]![0]!.GetValue<int>());

        // The second runs shards 2 (key 0, taken) and 3 (key 1, free); its own budget lets both connect at once.
        var second = await discord.StartProcessAsync("second", "2-3", 4, time, slots);
        var connections = new[] { await discord.Gateway.NextConnectionAsync(), await discord.Gateway.NextConnectionAsync() };
        var fiveSecondWait = time.NextTimerAsync(Window);
        foreach (var connection in connections)
        {
            await connection.SendHelloAsync(45_000);
        }

        var identifies = connections.Select(c => c.ReceiveAsync(Identify, TimeSpan.FromMinutes(1))).ToList();
        var first = await await Task.WhenAny(identifies);
        Assert.Equal(3, first["d"]!["shard"]![0]!.GetValue<int>());
        var shard2 = connections.Single(c => c.ShardId is null);
        var shard2Identify = identifies.Single(i => !i.IsCompleted);

        // Shard 2 was refused and waits on the clock for exactly the rest of key 0's window; it asks nothing before.
        await fiveSecondWait;
        var asked = slots.Calls;
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(asked, slots.Calls);
        Assert.DoesNotContain(shard2.Received, p => p["op"]!.GetValue<int>() == Identify);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var identify2 = (await shard2Identify)["d"]!;
        Assert.Equal("[2,4]", identify2["shard"]!.ToJsonString());
        Assert.Equal([(0, t0), (0, t0 + Window), (1, t0)], slots.Taken.Order());
        Assert.Equal(3, slots.Holds);
        Assert.Contains(second.Log.Lines, line => line.Contains("Shard 2 waits 5 s for its identify slot: another process identified", StringComparison.Ordinal));
        Assert.Contains(second.Log.Lines, line => line.Contains("max_concurrency 2, paced with the other processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resumed_shard_takes_no_identify_slot()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new SharedSlots(time);
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);
        await discord.StartProcessAsync("only", "1", 2, time, slots);
        var (connection, _) = await discord.AcceptShardAsync();
        await connection.WaitUntilCaughtUpAsync();
        var asked = slots.Calls;

        connection.Drop();
        var reconnection = await discord.Gateway.NextConnectionAsync();
        await reconnection.SendHelloAsync(45_000);
        var resume = (await reconnection.ReceiveAsync(Resume))["d"]!;
        await reconnection.SendResumedAsync();
        await reconnection.WaitUntilCaughtUpAsync();

        Assert.Equal("session-1", resume["session_id"]!.GetValue<string>());
        Assert.Equal(asked, slots.Calls);
        Assert.DoesNotContain(reconnection.Received, p => p["op"]!.GetValue<int>() == Identify);
    }

    [Fact]
    public async Task When_the_shared_slots_fail_the_shard_identifies_paced_by_its_own_process_and_says_so()
    {
        var time = new TimerWatchingTimeProvider();
        var slots = new SharedSlots(time) { Failure = new InvalidOperationException("database unreachable") };
        await using var discord = await ShardedGateway.StartAsync(maxConcurrency: 1);
        var process = await discord.StartProcessAsync("only", "0", 1, time, slots);

        var (_, identify) = await discord.AcceptShardAsync();

        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.Equal(1, slots.Calls);
        Assert.Contains(process.Log.Lines, line => line.StartsWith("Warning: The shared identify slots failed; shard 0 identifies paced by this process alone", StringComparison.Ordinal)
            && line.Contains("database unreachable", StringComparison.Ordinal));
    }

    /// <summary>Slots in memory, one per key, as the database keeps them: free once their time has passed; every take is recorded.</summary>
    private sealed class SharedSlots(TimeProvider time) : ISharedIdentifySlots
    {
        private readonly Dictionary<int, DateTimeOffset> _nextAllowed = [];
        private readonly List<(int Key, DateTimeOffset At)> _taken = [];
        private int _calls;

        public Exception? Failure { get; init; }

        /// <summary>Holds after an identify went out.</summary>
        public int Holds { get; private set; }

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<(int Key, DateTimeOffset At)> Taken
        {
            get
            {
                lock (_nextAllowed)
                {
                    return [.. _taken];
                }
            }
        }

        public ValueTask<TimeSpan> TryTakeAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var now = time.GetUtcNow();
            if (Failure is { } failure)
            {
                throw failure;
            }

            lock (_nextAllowed)
            {
                if (_nextAllowed.TryGetValue(rateLimitKey, out var next) && next > now)
                {
                    return ValueTask.FromResult(next - now);
                }

                _nextAllowed[rateLimitKey] = now + window;
                _taken.Add((rateLimitKey, now));
                return ValueTask.FromResult(TimeSpan.Zero);
            }
        }

        public ValueTask HoldAsync(int rateLimitKey, TimeSpan window, CancellationToken cancellationToken)
        {
            lock (_nextAllowed)
            {
                Holds++;
                var until = time.GetUtcNow() + window;
                _nextAllowed[rateLimitKey] = _nextAllowed.TryGetValue(rateLimitKey, out var next) && next > until ? next : until;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A fake clock that tells when a wait of a given length is started on it, so a test advances only once it is.</summary>
    private sealed class TimerWatchingTimeProvider : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

        public async Task NextTimerAsync(TimeSpan dueTime)
        {
            using var patience = new CancellationTokenSource(GatewaySimulator.DefaultTimeout);
            while (await _created.Reader.ReadAsync(patience.Token) != dueTime)
            {
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
