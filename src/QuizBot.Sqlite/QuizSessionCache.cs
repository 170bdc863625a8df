using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite;

/// <summary>
/// The personal quiz sessions one store instance last wrote or read, as they were stored then, so a press can be
/// decided without reading its session (<c>IQuizStore.GetSessionToChangeAsync</c>). An entry may be stale when another
/// instance on the same database moved the session on: the transition's compare-and-set then refuses it and returns
/// the stored session, which replaces the entry. Only stored versions enter, and an entry is never replaced by an
/// older version. Unfinished sessions only (a finished one takes no transition); bounded: when the newer half fills,
/// the older half is dropped.
/// </summary>
internal sealed class QuizSessionCache(int capacity = QuizSessionCache.DefaultCapacity)
{
    /// <summary>Enough for the sessions of every member playing at once on one instance; about 1 KB each.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock gate = new();
    private Dictionary<string, QuizSession> newer = new(StringComparer.Ordinal);
    private Dictionary<string, QuizSession> older = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return newer.Count + older.Count;
            }
        }
    }

    public QuizSession? Find(string sessionId)
    {
        lock (gate)
        {
            return Known(sessionId);
        }
    }

    /// <summary>Keeps <paramref name="stored"/>, exactly as the store holds it, unless a later version is already kept.</summary>
    public void Remember(QuizSession stored)
    {
        if (!stored.IsPersonal)
        {
            return;
        }

        lock (gate)
        {
            if (Known(stored.Id) is { } known && known.Version > stored.Version)
            {
                return;
            }

            older.Remove(stored.Id);
            if (stored.IsFinished)
            {
                newer.Remove(stored.Id);
                return;
            }

            if (newer.Count >= capacity / 2 && !newer.ContainsKey(stored.Id))
            {
                (older, newer) = (newer, older);
                newer.Clear();
            }

            newer[stored.Id] = AsStored(stored);
        }
    }

    /// <summary>Keeps what a committed transition left stored: its After when it applied, the stored session on a conflict.</summary>
    public void Remember(QuizTransition transition, QuizTransitionResult result)
    {
        switch (result)
        {
            case QuizTransitionResult.AppliedResult:
                Remember(transition.After);
                break;
            case QuizTransitionResult.Conflict conflict:
                Remember(conflict.Stored);
                break;
        }
    }

    /// <summary>The session with its times cut to the store's millisecond, as a read would return it.</summary>
    private static QuizSession AsStored(QuizSession session) => session with
    {
        StartedAt = StoredTime.FromStored(StoredTime.ToStored(session.StartedAt)),
        FinishedAt = session.FinishedAt is { } finished ? StoredTime.FromStored(StoredTime.ToStored(finished)) : null,
    };

    private QuizSession? Known(string sessionId) =>
        newer.TryGetValue(sessionId, out var session) || older.TryGetValue(sessionId, out session) ? session : null;
}
