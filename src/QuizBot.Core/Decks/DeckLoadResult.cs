namespace QuizBot.Core.Decks;

/// <summary>
/// What loading produced: every deck that could be built (even one with problems, so authors still get a
/// summary) and every problem found. A deck is fit to serve only when <see cref="Problems"/> is empty;
/// <see cref="Warnings"/> are an editor's remarks (see <see cref="DeckCheckOptions"/>) and never block it.
/// File names in both are relative to <see cref="Root"/>.
/// </summary>
public sealed record DeckLoadResult(IReadOnlyList<Deck> Decks, IReadOnlyList<DeckProblem> Problems)
{
    // Worked out when first read: `content check` prints them, while the bot's start and local play never ask,
    // and the pass over every pair of prompts was a tenth of the bot's start.
    private Lazy<IReadOnlyList<DeckProblem>> warnings = new(() => []);

    public bool IsValid => Problems.Count == 0;

    public IReadOnlyList<DeckProblem> Warnings { get => warnings.Value; init => warnings = new(value); }

    /// <summary>How to work out <see cref="Warnings"/> when they are first read.</summary>
    internal Func<IReadOnlyList<DeckProblem>> WarningsWhenRead { init => warnings = new(value); }

    /// <summary>The full path of the folder problem and warning file names are relative to (null when unknown).</summary>
    public string? Root { get; init; }
}
