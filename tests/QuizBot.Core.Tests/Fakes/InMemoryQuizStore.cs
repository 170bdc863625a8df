using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>An in-memory IQuizStore with the port's documented semantics (idempotent answers, newest-first misses).</summary>
internal sealed class InMemoryQuizStore : IQuizStore
{
    public Dictionary<string, QuizSession> Sessions { get; } = [];

    public List<AnswerRecord> Answers { get; } = [];

    public int SaveCount { get; private set; }

    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Sessions.GetValueOrDefault(sessionId));

    public Task<QuizSession?> GetActiveSessionAsync(PlayerKey player, QuizMode mode, CancellationToken cancellationToken = default) =>
        Task.FromResult(Sessions.Values
            .Where(s => s.Player == player && s.Mode == mode && !s.IsFinished)
            .OrderByDescending(s => s.StartedAt)
            .FirstOrDefault());

    public Task<bool> SaveSessionAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        if (Sessions.TryGetValue(session.Id, out var stored) && IsFurtherAlong(stored, session))
        {
            return Task.FromResult(false);
        }

        Sessions[session.Id] = session;
        SaveCount++;
        return Task.FromResult(true);
    }

    /// <summary>The store-side guard of the port: a session never moves backwards.</summary>
    private static bool IsFurtherAlong(QuizSession stored, QuizSession incoming) =>
        stored.Position > incoming.Position || (stored.Position == incoming.Position && stored.Answered > incoming.Answered);

    public Task<bool> RecordAnswerAsync(AnswerRecord answer, QuizSession sessionAfter, CancellationToken cancellationToken = default)
    {
        if (Answers.Any(a => a.SessionId == answer.SessionId && a.QuestionIndex == answer.QuestionIndex))
        {
            return Task.FromResult(false);
        }

        Answers.Add(answer);
        Sessions[sessionAfter.Id] = sessionAfter;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Answers
            .Where(a => a.Player == player)
            .GroupBy(a => a.QuestionId)
            .ToDictionary(g => g.Key, g => g.Count()));

    public Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Answers
            .Where(a => a.Player == player)
            .GroupBy(a => a.QuestionId)
            .Select(g => g.Last())
            .Where(a => !a.Correct)
            .OrderByDescending(a => a.AnsweredAt)
            .Select(a => a.QuestionId)
            .ToList());
}
