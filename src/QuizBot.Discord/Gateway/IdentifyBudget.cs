using QuizBot.Discord.Models;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// When each shard may identify, shared by every shard of the process. From GET /gateway/bot's session_start_limit:
/// <c>remaining</c> identifies until <c>reset_after</c> (1000 a day), and <c>max_concurrency</c> rate-limit keys
/// (<see cref="ShardRouting.RateLimitKey"/>): shards with the same key identify at most one per 5 s, shards with
/// different keys at once. Without a known limit (Discord:GatewayUrl configured) it assumes max_concurrency 1, as most
/// bots have, and no daily cap. Resumes do not count. Each identify reserves the earliest slot its key and the daily
/// budget allow, so waiting shards never hold a lock and a cancelled wait merely leaves a gap.
/// With <see cref="ISharedIdentifySlots"/> (other processes run shards of the same bot), each identify also takes its
/// key's shared slot right before it is sent (<see cref="TakeSharedSlotAsync"/>), so the 5 s hold across processes.
/// </summary>
internal sealed class IdentifyBudget
{
    public static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly ISharedIdentifySlots? _shared;
    private readonly Lock _sync = new();
    private readonly Dictionary<int, DateTimeOffset> _lastByKey = [];
    private SessionStartLimit? _limit;
    private int _remaining;
    private DateTimeOffset _resetAt;

    public IdentifyBudget(TimeProvider time, ISharedIdentifySlots? shared = null)
    {
        _time = time;
        _shared = shared;
    }

    /// <summary>True when identifies are paced with other processes too, not only within this one.</summary>
    public bool IsShared => _shared is not null;

    /// <summary>max_concurrency from GET /gateway/bot, or 1 while unknown.</summary>
    public int MaxConcurrency
    {
        get
        {
            lock (_sync)
            {
                return Math.Max(1, _limit?.MaxConcurrency ?? 1);
            }
        }
    }

    /// <summary>Takes the limit GET /gateway/bot reported.</summary>
    public void Learn(SessionStartLimit? limit)
    {
        lock (_sync)
        {
            _limit = limit;
            _remaining = limit?.Remaining ?? 0;
            _resetAt = _time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Max(0, limit?.ResetAfter ?? 0));
        }
    }

    /// <summary>
    /// Reserves the next identify of <paramref name="shardId"/> and says how long to wait for it (zero: go now), and
    /// whether the wait is the daily session start limit.
    /// </summary>
    public IdentifySlot Reserve(int shardId)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            var earliest = now;
            var dailyLimit = false;
            if (_limit is { } limit)
            {
                if (now >= _resetAt)
                {
                    _remaining = limit.Total;
                    _resetAt = now + Day;
                }

                if (_remaining > 0)
                {
                    _remaining--;
                }
                else
                {
                    // Spent for today: this identify takes the first start of the next window.
                    earliest = _resetAt;
                    dailyLimit = true;
                    _remaining = Math.Max(0, limit.Total - 1);
                    _resetAt += Day;
                }
            }

            var key = ShardRouting.RateLimitKey(shardId, Math.Max(1, _limit?.MaxConcurrency ?? 1));
            if (_lastByKey.TryGetValue(key, out var last) && last + ConcurrencyWindow > earliest)
            {
                earliest = last + ConcurrencyWindow;
            }

            _lastByKey[key] = earliest;
            return new IdentifySlot(earliest - now, dailyLimit);
        }
    }

    /// <summary>Reserves a slot and waits for it on the budget's clock.</summary>
    public async Task WaitAsync(int shardId, Action<IdentifySlot> onWait, CancellationToken cancellationToken)
    {
        var slot = Reserve(shardId);
        if (slot.Wait > TimeSpan.Zero)
        {
            onWait(slot);
            await Task.Delay(slot.Wait, _time, cancellationToken);
        }
    }

    /// <summary>
    /// Right before sending IDENTIFY: takes the shared slot of the shard's key, waiting on the budget's clock while
    /// another process holds it (<paramref name="onWait"/> hears each wait). Returns at once without shared slots.
    /// Whatever the shared slots throw comes out of here: the caller decides whether to identify regardless.
    /// </summary>
    public async Task TakeSharedSlotAsync(int shardId, Action<TimeSpan> onWait, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        var key = SharedKey(shardId);
        while (await _shared.TryTakeAsync(key, ConcurrencyWindow, cancellationToken) is var wait && wait > TimeSpan.Zero)
        {
            onWait(wait);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Right after IDENTIFY went out: the shared slot stays taken for 5 s from now. Nothing without shared slots.</summary>
    public async Task HoldSharedSlotAsync(int shardId, CancellationToken cancellationToken)
    {
        if (_shared is not null)
        {
            await _shared.HoldAsync(SharedKey(shardId), ConcurrencyWindow, cancellationToken);
        }
    }

    private int SharedKey(int shardId) => ShardRouting.RateLimitKey(shardId, MaxConcurrency);
}

/// <summary>How long until a shard may identify, and whether the daily session start limit is why.</summary>
internal readonly record struct IdentifySlot(TimeSpan Wait, bool DailyLimit);
