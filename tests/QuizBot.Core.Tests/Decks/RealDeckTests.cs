using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>The shipped deck in content/ (found from the repository root) must load clean and be complete.</summary>
public sealed class RealDeckTests
{
    private static readonly Lazy<DeckLoadResult> Loaded = new(() => DeckLoader.LoadDeck(Path.Combine(RepositoryContent(), "csto-central-asia")));

    [Fact]
    public void The_real_deck_loads_without_problems()
    {
        Assert.Equal([], Loaded.Value.Problems.Select(p => p.ToString()));
        Assert.Equal("csto-central-asia", Assert.Single(Loaded.Value.Decks).Id);
    }

    [Fact]
    public void Every_content_deck_loads_together_without_problems()
    {
        var result = DeckLoader.LoadAll(RepositoryContent());

        Assert.Equal([], result.Problems.Select(p => p.ToString()));
        Assert.Contains(result.Decks, d => d.Id == "csto-central-asia");
    }

    [Fact]
    public void The_real_deck_has_at_least_45_facts_each_with_a_card()
    {
        var deck = Assert.Single(Loaded.Value.Decks);

        Assert.True(deck.Facts.Count >= 45, $"{deck.Facts.Count} facts");
        Assert.All(deck.Facts, f => Assert.False(string.IsNullOrWhiteSpace(f.Card.Front) || string.IsNullOrWhiteSpace(f.Card.Back), f.Id));
        Assert.Equal(deck.Facts.Count, deck.Facts.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_real_deck_has_at_least_120_questions_of_all_four_kinds()
    {
        var deck = Assert.Single(Loaded.Value.Decks);

        Assert.True(deck.Questions.Count() >= 120, $"{deck.Questions.Count()} questions");
        Assert.Equal(QuestionKindNames.All.Order(), deck.Questions.Select(q => q.Kind).Distinct().Order());
    }

    [Fact]
    public void The_real_deck_has_six_to_ten_topics()
    {
        var deck = Assert.Single(Loaded.Value.Decks);

        Assert.InRange(deck.Topics.Count, 6, 10);
    }

    [Fact]
    public void The_real_deck_cites_every_footnote_from_1_to_7_and_resolves_both_ibids()
    {
        var deck = Assert.Single(Loaded.Value.Decks);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], deck.Sources.Select(s => s.Footnote));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], deck.Facts.SelectMany(f => f.Cites).Distinct().Order());
        Assert.Equal([(2, 1), (5, 4)], deck.Sources.Where(s => s.IbidOf is not null).Select(s => (s.Footnote, s.IbidOf!.Value)));
        Assert.Equal(deck.Sources[3].Title, deck.Sources[4].Title);
    }

    /// <summary>content/ of the repository: walk up from the test binaries to the folder holding Bot.sln.</summary>
    internal static string RepositoryContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
