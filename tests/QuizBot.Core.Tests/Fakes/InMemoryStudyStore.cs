using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>An in-memory IStudyStore passing StudyStoreContract: card states, the review log and the card on screen, behind one lock.</summary>
internal sealed class InMemoryStudyStore : IStudyStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<PlayerKey, Dictionary<string, CardState>> cards = [];
    private readonly Dictionary<PlayerKey, List<ReviewLogEntry>> logs = [];
    private readonly Dictionary<PlayerKey, (string? CardId, int Version)> screens = [];

    public Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, CardState>>(new Dictionary<string, CardState>(cards.GetValueOrDefault(player) ?? []));
        }
    }

    public Task<IReadOnlyList<ReviewLogEntry>> GetReviewLogAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ReviewLogEntry>>(logs.GetValueOrDefault(player)?.ToList() ?? []);
        }
    }

    public Task<ShownCard?> GetShownAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(screens.TryGetValue(player, out var screen) && screen.CardId is { } id ? new ShownCard(id, screen.Version) : null);
        }
    }

    public Task<ShownCard> ShowAsync(PlayerKey player, string cardId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var screen = screens.TryGetValue(player, out var current)
                ? (cardId, current.CardId == cardId ? current.Version : current.Version + 1)
                : (cardId, 1);
            screens[player] = screen;
            return Task.FromResult(new ShownCard(cardId, screen.Item2));
        }
    }

    public Task<bool> RateAsync(PlayerKey player, CardReview review, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!screens.TryGetValue(player, out var screen) || screen.CardId != review.Shown.CardId || screen.Version != review.Shown.Version)
            {
                return Task.FromResult(false);
            }

            screens[player] = (null, screen.Version + 1);
            if (!cards.TryGetValue(player, out var playerCards))
            {
                cards[player] = playerCards = [];
                logs[player] = [];
            }

            playerCards[review.After.CardId] = review.After;
            logs[player].Add(review.Log);
            return Task.FromResult(true);
        }
    }

    public IReadOnlyList<ReviewLogEntry> Log(PlayerKey player)
    {
        lock (gate)
        {
            return logs.GetValueOrDefault(player)?.ToList() ?? [];
        }
    }
}
