using QuizBot.Core.Decks;

namespace QuizBot.Tests.Support;

/// <summary>The repository's decks, loaded once and required to be valid.</summary>
internal static class RealDeck
{
    private static readonly Lazy<IReadOnlyList<Deck>> Loaded = new(() =>
    {
        var result = DeckLoader.LoadAll(RepositoryPaths.Content);
        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        return result.Decks;
    });

    public static IReadOnlyList<Deck> All => Loaded.Value;

    public static Deck First => All[0];

    public static Question QuestionByPrompt(string text) =>
        All.SelectMany(d => d.Questions).Single(q => text.Contains(q.Prompt, StringComparison.Ordinal));

    public static Fact FactOf(Question question) => All.SelectMany(d => d.Facts).Single(f => f.Id == question.FactId);

    /// <summary>The citation lines a reveal of this fact must show, built from the deck's sources, not from the bot's formatter.</summary>
    public static IReadOnlyList<string> ExpectedCitationLines(Fact fact)
    {
        if (fact.Cites.Count == 0)
        {
            return ["the article's own analysis, no footnote"];
        }

        var deck = All.Single(d => d.Facts.Contains(fact));
        return fact.Cites.Select(n => deck.Sources.Single(s => s.Footnote == n))
            .Select(s => $"Source [{s.Footnote}] — \"{s.Title}\", {s.Publisher} (accessed {s.Accessed})")
            .ToList();
    }
}
