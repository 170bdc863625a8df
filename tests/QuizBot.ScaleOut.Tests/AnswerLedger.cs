namespace QuizBot.ScaleOut.Tests;

/// <summary>One question of one quiz: what the answers table keys an answer by.</summary>
internal readonly record struct AnswerKey(string SessionId, int QuestionIndex)
{
    public override string ToString() => $"{SessionId}#{QuestionIndex}";
}

/// <summary>
/// What the members saw, written while they play and compared with the database afterwards: every answer the bot
/// acknowledged (HTTP 200 with a ✅/❌ reveal) and every answer sent without such a reply (lost with a killed instance).
/// </summary>
internal sealed class AnswerLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<AnswerKey, (string UserId, bool Correct)> acknowledged = [];
    private readonly HashSet<AnswerKey> unacknowledged = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> milestones = [];
    private readonly List<string> contradictions = [];
    private int replays;

    public int Acknowledged
    {
        get
        {
            lock (gate)
            {
                return acknowledged.Count;
            }
        }
    }

    /// <summary>Acknowledged answers that had lost a reply before (the member pressed again and got the reveal).</summary>
    public int AcknowledgedAfterLoss
    {
        get
        {
            lock (gate)
            {
                return acknowledged.Keys.Count(unacknowledged.Contains);
            }
        }
    }

    /// <summary>Reveals received again for an answer already acknowledged.</summary>
    public int Replays => Volatile.Read(ref replays);

    public IReadOnlyDictionary<AnswerKey, (string UserId, bool Correct)> AcknowledgedAnswers
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<AnswerKey, (string, bool)>(acknowledged);
            }
        }
    }

    public IReadOnlySet<AnswerKey> Unacknowledged
    {
        get
        {
            lock (gate)
            {
                return new HashSet<AnswerKey>(unacknowledged);
            }
        }
    }

    /// <summary>A reveal that contradicted an earlier one for the same question (a replay must show the same verdict).</summary>
    public IReadOnlyList<string> Contradictions
    {
        get
        {
            lock (gate)
            {
                return [.. contradictions];
            }
        }
    }

    public void Acknowledge(AnswerKey key, string userId, bool correct)
    {
        lock (gate)
        {
            if (acknowledged.TryGetValue(key, out var earlier))
            {
                replays++;
                if (earlier != (userId, correct))
                {
                    contradictions.Add($"{key}: first {earlier}, then {(userId, correct)}");
                }

                return;
            }

            acknowledged[key] = (userId, correct);
            foreach (var (count, reached) in milestones)
            {
                if (acknowledged.Count >= count)
                {
                    reached.TrySetResult();
                }
            }
        }
    }

    public void Unacknowledge(AnswerKey key)
    {
        lock (gate)
        {
            unacknowledged.Add(key);
        }
    }

    /// <summary>Completes once <paramref name="count"/> answers were acknowledged.</summary>
    public Task ReachedAsync(int count)
    {
        lock (gate)
        {
            if (acknowledged.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            milestones.Add((count, reached));
            return reached.Task;
        }
    }
}
