namespace QuizBot.Core.Study;

/// <summary>The flashcard on a player's screen. <see cref="Version"/> changes whenever another card is shown.</summary>
public sealed record ShownCard(string CardId, int Version);

/// <summary>One rating as a compare-and-set: it applies only while <see cref="Shown"/> is still the card on screen.</summary>
public sealed record CardReview(ShownCard Shown, CardState After, ReviewLogEntry Log);
