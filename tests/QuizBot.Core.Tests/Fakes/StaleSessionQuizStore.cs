using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>
/// An <see cref="InMemoryQuizStore"/> whose <see cref="GetSessionToChangeAsync"/> answers with a copy the test froze,
/// as a store instance does whose cached session another instance has since moved on: what the port allows (an earlier
/// stored version), at its most stale. Counts the reads of the session as stored.
/// </summary>
internal sealed class StaleSessionQuizStore(InMemoryQuizStore inner) : IQuizStore
{
    private readonly Dictionary<string, QuizSession> frozen = [];

    public int FreshReads { get; private set; }

    /// <summary>From now on, reads for a change return the session as it is stored now.</summary>
    public async Task FreezeAsync(string sessionId) => frozen[sessionId] = (await inner.GetSessionAsync(sessionId))!;

    public Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        frozen.TryGetValue(sessionId, out var stale) ? Task.FromResult<QuizSession?>(stale) : inner.GetSessionAsync(sessionId, cancellationToken);

    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        FreshReads++;
        return inner.GetSessionAsync(sessionId, cancellationToken);
    }

    public Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default) =>
        inner.ApplyAsync(transition, cancellationToken);

    public Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default) => inner.GetOpenQuizAsync(player, cancellationToken);

    public Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default) => inner.OpenAsync(session, cancellationToken);

    public Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default) =>
        inner.GetStepAsync(sessionId, questionIndex, cancellationToken);

    public Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        inner.GetHeldBackQuestionIdsAsync(userId, since, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        inner.GetSeenCountsAsync(player, cancellationToken);

    public Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        inner.GetMissedQuestionIdsAsync(player, cancellationToken);
}
