namespace QuizBot.Core.Decks;

/// <summary>
/// One thing wrong with a deck, located in its source: <see cref="File"/> is relative to the content folder
/// (e.g. <c>csto-central-asia/facts/03-base.yaml</c>) and <see cref="Line"/> is 1-based
/// (0 when the file or folder itself is missing).
/// </summary>
public sealed record DeckProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
