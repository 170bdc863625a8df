using QuizBot.Discord.Models;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// How many new sessions the bot may still start: session_start_limit from GET /gateway/bot (1000 identifies a day)
/// and max_concurrency (identifies per 5 s). Resumes do not count. One budget per bot, so shards can share it.
/// </summary>
internal sealed class IdentifyBudget
{
    private static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SessionStartLimit? _limit;
    private DateTimeOffset _resetAt;

    public IdentifyBudget(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Takes the limit GET /gateway/bot reported.</summary>
    public void Learn(SessionStartLimit? limit)
    {
        _limit = limit;
        _resetAt = _time.GetUtcNow() + TimeSpan.FromMilliseconds(limit?.ResetAfter ?? 0);
    }

    /// <summary>Waits until one more identify is allowed, then counts it. Without a known limit it never waits.</summary>
    public async Task WaitAsync(Action<TimeSpan> onDailyLimit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_limit is not { } limit)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (now >= _resetAt && _resetAt != default)
            {
                limit = limit with { Remaining = limit.Total };
            }

            if (limit.Remaining <= 0)
            {
                var wait = _resetAt - now;
                onDailyLimit(wait);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken);
                limit = limit with { Remaining = limit.Total };
                _resetAt = _time.GetUtcNow() + Day;
            }

            while (_recent.Count > 0 && _time.GetUtcNow() - _recent.Peek() >= ConcurrencyWindow)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= Math.Max(1, limit.MaxConcurrency))
            {
                await Task.Delay(_recent.Dequeue() + ConcurrencyWindow - _time.GetUtcNow(), _time, cancellationToken);
            }

            _recent.Enqueue(_time.GetUtcNow());
            _limit = limit with { Remaining = limit.Remaining - 1 };
        }
        finally
        {
            _gate.Release();
        }
    }
}
