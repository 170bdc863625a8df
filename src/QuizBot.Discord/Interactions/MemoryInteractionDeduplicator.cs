namespace QuizBot.Discord.Interactions;

/// <summary>
/// Interaction ids seen in the last <see cref="Window"/> (15 minutes: an interaction token's whole life), in memory,
/// at most <see cref="Capacity"/> of them (the oldest are forgotten first). Enough for one process and for tests;
/// several instances behind one endpoint need a shared memory (the app's database-backed one, see the README).
/// </summary>
public sealed class MemoryInteractionDeduplicator : IInteractionDeduplicator
{
    public const int DefaultCapacity = 100_000;
    public static readonly TimeSpan Window = IInteractionDeduplicator.Window;

    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly HashSet<ulong> _seen = [];
    private readonly Queue<(ulong Id, DateTimeOffset At)> _order = new();

    public MemoryInteractionDeduplicator(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _seen.Count;
            }
        }
    }

    public ValueTask<bool> TryBeginAsync(ulong interactionId, CancellationToken cancellationToken) => ValueTask.FromResult(TryBegin(interactionId));

    private bool TryBegin(ulong interactionId)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            while (_order.Count > 0 && (now - _order.Peek().At >= Window || _order.Count >= Capacity))
            {
                _seen.Remove(_order.Dequeue().Id);
            }

            if (!_seen.Add(interactionId))
            {
                return false;
            }

            _order.Enqueue((interactionId, now));
            return true;
        }
    }
}
