using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>
/// An <see cref="InMemoryQuizStore"/> whose <see cref="GetSessionToChangeAsync"/> answers with a copy the test froze,
/// as a store instance does whose cached session another instance has since moved on: what the port allows (an earlier
/// stored version), at its most stale. Counts the reads of the session as stored.
/// </summary>
internal sealed class StaleSessionQuizStore(InMemoryQuizStore inner) : DelegatingQuizStore(inner)
{
    private readonly Dictionary<string, QuizSession> frozen = [];

    public int FreshReads { get; private set; }

    /// <summary>From now on, reads for a change return the session as it is stored now.</summary>
    public async Task FreezeAsync(string sessionId) => frozen[sessionId] = (await Inner.GetSessionAsync(sessionId))!;

    public override Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        frozen.TryGetValue(sessionId, out var stale) ? Task.FromResult<QuizSession?>(stale) : Inner.GetSessionAsync(sessionId, cancellationToken);

    public override Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        FreshReads++;
        return Inner.GetSessionAsync(sessionId, cancellationToken);
    }
}
