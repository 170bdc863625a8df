using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>
/// An in-memory IQuizStore with the port's contract (see QuizStoreContract, which it passes): one lock makes every
/// write atomic, and a stale transition is refused exactly as SQLite refuses it.
/// </summary>
internal sealed class InMemoryQuizStore : IQuizStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, QuizSession> sessions = [];
    private readonly Dictionary<(string, int), QuizStepRecord> steps = [];
    private readonly List<AnswerRecord> answers = [];

    public IReadOnlyList<AnswerRecord> Answers
    {
        get
        {
            lock (gate)
            {
                return answers.ToList();
            }
        }
    }

    public IReadOnlyDictionary<string, QuizSession> Sessions
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, QuizSession>(sessions);
            }
        }
    }

    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(sessions.GetValueOrDefault(sessionId));
        }
    }

    /// <summary>Always as stored: this store has no copy to go stale (see <see cref="StaleSessionQuizStore"/> for one that does).</summary>
    public Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        GetSessionAsync(sessionId, cancellationToken);

    public Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(OpenQuiz(player));
        }
    }

    public Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (OpenQuiz(session.Player) is { } open)
            {
                return Task.FromResult<QuizOpenResult>(new QuizOpenResult.AlreadyOpen(open));
            }

            if (!sessions.TryAdd(session.Id, session))
            {
                throw new InvalidOperationException($"A quiz session with id {session.Id} already exists.");
            }

            return Task.FromResult<QuizOpenResult>(new QuizOpenResult.Opened());
        }
    }

    public Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default)
    {
        var (before, after) = (transition.Before, transition.After);
        if (before.Id != after.Id || after.Version != before.Version + 1)
        {
            throw new ArgumentException("A transition moves one session to its next version.", nameof(transition));
        }

        lock (gate)
        {
            if (transition is { NotRevealedSince: { } since, Answer: { } scored }
                && steps.Values.Any(s => s.Kind == QuizStepKind.Skipped && s.At >= since && s.QuestionId == scored.QuestionId && s.SessionId != scored.SessionId
                    && sessions[s.SessionId].Player.UserId == scored.Player.UserId))
            {
                return Task.FromResult(QuizTransitionResult.RevealedEarlier);
            }

            if (!sessions.TryGetValue(before.Id, out var stored))
            {
                if (before.Version != 0 || before.Position != 0)
                {
                    return Task.FromResult(QuizTransitionResult.Missing);
                }
            }
            else if (stored.Position != before.Position || stored.Version != before.Version)
            {
                return Task.FromResult<QuizTransitionResult>(new QuizTransitionResult.Conflict(stored));
            }

            sessions[after.Id] = after;
            foreach (var step in transition.Steps)
            {
                steps.Add((step.SessionId, step.QuestionIndex), step);
            }

            if (transition.Answer is { } answer)
            {
                answers.Add(answer);
            }

            return Task.FromResult(QuizTransitionResult.Applied);
        }
    }

    public Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(steps.GetValueOrDefault((sessionId, questionIndex)));
        }
    }

    public Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var held = steps.Values
                .Where(s => s.Kind == QuizStepKind.Skipped && s.At >= since && sessions[s.SessionId].Player.UserId == userId)
                .Select(s => s.QuestionId)
                .Concat(sessions.Values.Where(s => s.Player.UserId == userId && s.IsPersonal && !s.IsFinished).SelectMany(s => s.QuestionIds))
                .ToHashSet(StringComparer.Ordinal);
            return Task.FromResult<IReadOnlySet<string>>(held);
        }
    }

    public Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(answers
                .Where(a => a.Player == player)
                .GroupBy(a => a.QuestionId)
                .ToDictionary(g => g.Key, g => g.Count()));
        }
    }

    public Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(answers
                .Where(a => a.Player == player)
                .GroupBy(a => a.QuestionId)
                .Select(g => g.Last())
                .Where(a => !a.Correct)
                .OrderByDescending(a => a.AnsweredAt)
                .Select(a => a.QuestionId)
                .ToList());
        }
    }

    private QuizSession? OpenQuiz(PlayerKey player) =>
        sessions.Values.Where(s => s.Player == player && s.IsPersonal && !s.IsFinished).OrderByDescending(s => s.StartedAt).FirstOrDefault();
}
