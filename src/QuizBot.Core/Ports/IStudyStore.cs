using QuizBot.Core.Players;
using QuizBot.Core.Study;

namespace QuizBot.Core.Ports;

/// <summary>Flashcard memory states and the review log.</summary>
public interface IStudyStore
{
    /// <summary>Every card the player has ever reviewed, by card id.</summary>
    Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>Saves the card's new state and appends the review to the log, in one transaction.</summary>
    Task SaveReviewAsync(PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken = default);

    /// <summary>The player's reviews in the order they happened (the daily new-card limit and "done today" count them).</summary>
    Task<IReadOnlyList<ReviewLogEntry>> GetReviewLogAsync(PlayerKey player, CancellationToken cancellationToken = default);
}

