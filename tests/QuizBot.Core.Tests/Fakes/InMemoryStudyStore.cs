using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>An in-memory IStudyStore: card states per player and the review log.</summary>
internal sealed class InMemoryStudyStore : IStudyStore
{
    private readonly Dictionary<PlayerKey, Dictionary<string, CardState>> cards = [];
    private readonly Dictionary<PlayerKey, List<ReviewLogEntry>> logs = [];

    public Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, CardState>>(new Dictionary<string, CardState>(cards.GetValueOrDefault(player) ?? []));

    public Task SaveReviewAsync(PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken = default)
    {
        if (!cards.TryGetValue(player, out var playerCards))
        {
            cards[player] = playerCards = [];
            logs[player] = [];
        }

        playerCards[after.CardId] = after;
        logs[player].Add(review);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReviewLogEntry>> GetReviewLogAsync(PlayerKey player, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewLogEntry>>(logs.GetValueOrDefault(player)?.ToList() ?? []);

    public IReadOnlyList<ReviewLogEntry> Log(PlayerKey player) => logs.GetValueOrDefault(player) ?? [];
}
