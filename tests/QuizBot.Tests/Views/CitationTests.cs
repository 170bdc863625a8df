using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Views;

public sealed class CitationTests
{
    private readonly DeckLibrary library = new(RealDeck.All);

    [Fact]
    public void A_footnoted_fact_cites_its_footnote_exactly_with_the_link_after_it()
    {
        var fact = RealDeck.First.Facts.First(f => f.Cites.SequenceEqual([4]));

        var text = CitationView.Render(library.Cite(RealDeck.First, fact));

        Assert.Equal(
            "Source [4] — \"Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan\", RFE/RL (accessed 09.05.2023)\n"
            + "🔗 https://www.rferl.org/a/russian-military-base-in-kyrgyzstan-under-focus-at-putin-jeenbekov-talks/29847265.html",
            text);
    }

    [Fact]
    public void An_ibid_footnote_keeps_its_own_number_and_shows_the_source_it_repeats()
    {
        var fact = RealDeck.First.Facts.First(f => f.Cites.Contains(2));

        var text = CitationView.Render(library.Cite(RealDeck.First, fact));

        Assert.Contains("Source [2] — \"Russia to ‘Develop’ Its Military Facilities in Kyrgyzstan\", The Defense Post (accessed 09.05.2023)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Source [1]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fact_without_a_footnote_says_it_is_the_article_s_own_analysis()
    {
        var fact = RealDeck.First.Facts.First(f => f.CitesArticleItself);

        var text = CitationView.Render(library.Cite(RealDeck.First, fact));

        Assert.Equal(CitationFormatter.ArticleItself, text);
        Assert.Contains("the article's own analysis, no footnote", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_lists_every_footnote_in_the_article_s_numbering()
    {
        var payload = SourcesView.Render(RealDeck.All);
        var description = payload.Embeds![0].Description!;

        var positions = RealDeck.First.Sources.Select(s => description.IndexOf($"Source [{s.Footnote}] — ", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("(Ibid., repeats [4])", description, StringComparison.Ordinal);
    }
}
