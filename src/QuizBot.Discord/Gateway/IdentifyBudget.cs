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
/// A taken slot stays pending (<see cref="PendingHold"/>, far longer than a send takes) until the identify has gone out
/// and <see cref="ConfirmSharedSlotAsync"/> sets it to 5 s from the send: however late the send, nobody else's identify
/// comes within 5 s of it. A claim older than <see cref="MaxClaimAge"/> before its send is renewed first
/// (<see cref="FreshenSharedSlotAsync"/>), so the send always lies well inside the pending hold.
/// </summary>
internal sealed class IdentifyBudget
{
    public static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    /// <summary>How long a taken shared slot stays held before its identify is confirmed as sent.</summary>
    public static readonly TimeSpan PendingHold = TimeSpan.FromSeconds(30);

    /// <summary>A claim at most this old may still send: the rest of <see cref="PendingHold"/> covers the send itself.</summary>
    public static readonly TimeSpan MaxClaimAge = TimeSpan.FromSeconds(10);

    /// <summary>How often a shard asks again while another process's claim is pending its send (it confirms in moments).</summary>
    public static readonly TimeSpan PendingRecheck = TimeSpan.FromSeconds(1);

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
            // The timer starts before the wait is announced, so whoever hears it knows the wait is already counting.
            var delay = Task.Delay(slot.Wait, _time, cancellationToken);
            onWait(slot);
            await delay;
        }
    }

    /// <summary>
    /// Before sending IDENTIFY: takes the shared slot of the shard's key, waiting on the budget's clock while another
    /// process holds it (<paramref name="onWait"/> hears each wait). Returns null at once without shared slots.
    /// Whatever the shared slots throw comes out of here: the caller decides whether to identify regardless.
    /// </summary>
    public async Task<SharedIdentifyClaim?> TakeSharedSlotAsync(int shardId, Action<TimeSpan> onWait, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return null;
        }

        var key = SharedKey(shardId);
        while (true)
        {
            var take = await _shared.TryTakeAsync(key, PendingHold, cancellationToken);
            if (take.Taken)
            {
                return new SharedIdentifyClaim(key, take.Until);
            }

            // Refused always means a wait, never zero. Held beyond one window means another claim is pending its send,
            // which confirms it (to 5 s from the send) in moments: ask again soon rather than wait out the pending hold.
            var wait = take.Until - _time.GetUtcNow();
            wait = wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait > ConcurrencyWindow ? PendingRecheck : wait;
            onWait(wait);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>True when the claim is young enough that its identify, sent now, lies well inside its pending hold.</summary>
    public bool IsFresh(SharedIdentifyClaim claim) => _time.GetUtcNow() - (claim.HeldUntil - PendingHold) <= MaxClaimAge;

    /// <summary>
    /// Right before the send: a claim grown too old (a late thread, a slow machine) is renewed by a compare-and-set on
    /// its own hold; if another process took the slot meanwhile (only possible once its hold ran out), takes it again.
    /// </summary>
    public async Task<SharedIdentifyClaim> FreshenSharedSlotAsync(int shardId, SharedIdentifyClaim claim, Action<TimeSpan> onWait, CancellationToken cancellationToken)
    {
        while (!IsFresh(claim))
        {
            var renewed = await _shared!.ConfirmAsync(claim.Key, claim.HeldUntil, _time.GetUtcNow() + PendingHold, cancellationToken);
            claim = renewed is { } until
                ? claim with { HeldUntil = until }
                : (await TakeSharedSlotAsync(shardId, onWait, cancellationToken))!.Value;
        }

        return claim;
    }

    /// <summary>
    /// Right after IDENTIFY went out: the slot is held for 5 s from now (a compare-and-set on the claim, so it never
    /// overwrites another's). False when another process took the slot since, which only an identify that went out after
    /// its whole pending hold allows.
    /// </summary>
    public async Task<bool> ConfirmSharedSlotAsync(SharedIdentifyClaim claim, CancellationToken cancellationToken) =>
        await _shared!.ConfirmAsync(claim.Key, claim.HeldUntil, _time.GetUtcNow() + ConcurrencyWindow, cancellationToken) is not null;

    private int SharedKey(int shardId) => ShardRouting.RateLimitKey(shardId, MaxConcurrency);
}

/// <summary>How long until a shard may identify, and whether the daily session start limit is why.</summary>
internal readonly record struct IdentifySlot(TimeSpan Wait, bool DailyLimit);

/// <summary>A shared identify slot this process took: its key, and the time it is held until (what a confirm compares).</summary>
internal readonly record struct SharedIdentifyClaim(int Key, DateTimeOffset HeldUntil);
