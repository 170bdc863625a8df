using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

public sealed class CitationFormatterTests
{
    private static readonly Deck Deck = new(
        "d",
        "A deck",
        string.Empty,
        "en",
        new ArticleInfo("The article", null, null, "https://example.org/article"),
        string.Empty,
        [
            new Source(3, "Council Calendar", "Brenmoor Council", "https://example.org/council", "03.02.2024", null),
            new Source(4, "Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan", "RFE/RL", "https://example.org/rferl", "09.05.2023", null),
            new Source(5, "Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan", "RFE/RL", "https://example.org/rferl", "09.05.2023", 4),
        ],
        []);

    private readonly CitationFormatter _formatter = new(Deck);

    [Fact]
    public void A_footnote_cites_its_number_title_publisher_and_access_date_with_the_link_apart()
    {
        var citation = Assert.Single(_formatter.Cite(FactCiting(4)));

        Assert.Equal(
            new Citation(4, "Source [4] — \"Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan\", RFE/RL (accessed 09.05.2023)", "https://example.org/rferl"),
            citation);
    }

    [Fact]
    public void An_ibid_footnote_shows_its_own_number_with_the_resolved_details()
    {
        var citation = Assert.Single(_formatter.Cite(FactCiting(5)));

        Assert.Equal(
            new Citation(5, "Source [5] — \"Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan\", RFE/RL (accessed 09.05.2023)", "https://example.org/rferl"),
            citation);
    }

    [Fact]
    public void A_fact_citing_several_footnotes_gets_one_line_each_in_its_order()
    {
        var citations = _formatter.Cite(FactCiting(5, 3));

        Assert.Equal([5, 3], citations.Select(c => c.Footnote));
        Assert.Equal("Source [3] — \"Council Calendar\", Brenmoor Council (accessed 03.02.2024)", citations[1].Text);
        Assert.Equal("https://example.org/council", citations[1].Url);
    }

    [Fact]
    public void A_fact_without_footnotes_cites_the_article_itself()
    {
        var citation = Assert.Single(_formatter.Cite(FactCiting()));

        Assert.Equal(new Citation(null, "Source: the article itself — the article's own analysis, no footnote", "https://example.org/article"), citation);
    }

    [Fact]
    public void An_undefined_footnote_still_shows_its_number_instead_of_failing()
    {
        Assert.Equal(new Citation(9, "Source [9]", null), _formatter.Cite(9));
    }

    [Fact]
    public void Citations_of_a_loaded_deck_resolve_its_ibid()
    {
        using var fixture = new FixtureDeck();
        var deck = Assert.Single(fixture.Load().Decks);

        var citation = Assert.Single(new CitationFormatter(deck).Cite(deck.Facts.Single(f => f.Id == "grey-heron-ferry")));

        Assert.Equal(new Citation(2, "Source [2] — \"Lakes of the North\", Valley Gazette (accessed 01.02.2024)", "https://example.org/lakes"), citation);
    }

    private static Fact FactCiting(params int[] footnotes) =>
        new("f", "statement", "quote", footnotes, ["topic"], new Card("front", "back"), []);
}
