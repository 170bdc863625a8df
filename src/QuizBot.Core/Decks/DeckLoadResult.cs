namespace QuizBot.Core.Decks;

/// <summary>
/// What loading produced: every deck that could be built (even one with problems, so authors still get a
/// summary) and every problem found. A deck is fit to serve only when <see cref="Problems"/> is empty.
/// </summary>
public sealed record DeckLoadResult(IReadOnlyList<Deck> Decks, IReadOnlyList<DeckProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
