using QuizBot.Core.Players;
using QuizBot.Core.Study;

namespace QuizBot.Core.Ports;

/// <summary>Flashcard memory states, the review log, and the card each player has on screen.</summary>
public interface IStudyStore
{
    /// <summary>Every card the player has ever reviewed, by card id.</summary>
    Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>The player's reviews in the order they happened (the daily new-card limit and "done today" count them).</summary>
    Task<IReadOnlyList<ReviewLogEntry>> GetReviewLogAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>The card on the player's screen, if any.</summary>
    Task<ShownCard?> GetShownAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts <paramref name="cardId"/> on the player's screen and returns it with its version: unchanged when that
    /// card is already shown, a new version otherwise (so the buttons of a card shown before stop working).
    /// </summary>
    Task<ShownCard> ShowAsync(PlayerKey player, string cardId, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction, if the shown card is still <paramref name="review"/>'s card at its expected version:
    /// saves the card's new state, appends the review to the log and clears the screen. Otherwise changes nothing
    /// and returns false (a double click, or a card never shown).
    /// </summary>
    Task<bool> RateAsync(PlayerKey player, CardReview review, CancellationToken cancellationToken = default);
}
