using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>An <see cref="IQuizStore"/> that passes every call to <paramref name="inner"/>: tests override the calls they bend.</summary>
internal abstract class DelegatingQuizStore(IQuizStore inner) : IQuizStore
{
    protected IQuizStore Inner { get; } = inner;

    public virtual Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Inner.GetSessionAsync(sessionId, cancellationToken);

    public virtual Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Inner.GetSessionToChangeAsync(sessionId, cancellationToken);

    public virtual Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default) =>
        Inner.ApplyAsync(transition, cancellationToken);

    public Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default) => Inner.GetOpenQuizAsync(player, cancellationToken);

    public Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default) => Inner.OpenAsync(session, cancellationToken);

    public Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default) =>
        Inner.GetStepAsync(sessionId, questionIndex, cancellationToken);

    public Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Inner.GetHeldBackQuestionIdsAsync(userId, since, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Inner.GetSeenCountsAsync(player, cancellationToken);

    public Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Inner.GetMissedQuestionIdsAsync(player, cancellationToken);
}
