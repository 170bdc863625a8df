using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>A fact's <c>cites</c> must match the marker the article puts after its quote (tiny-lake's article: [1], [2] [3], none).</summary>
public sealed class CitesMatchMarkersTests : IDisposable
{
    private const string Lake = "facts/01-lake.yaml";
    private const string Town = "facts/02-town.yaml";

    private readonly FixtureDeck _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void The_fixture_cites_what_its_article_marks()
    {
        Assert.Equal([], _fixture.Load().Problems);
    }

    [Fact]
    public void Citing_the_next_sentences_marker_is_a_problem()
    {
        // The ferry sentence is marked [2]; [3] marks the next sentence of the same paragraph.
        var line = _fixture.Replace(Lake, "cites: [2]", "cites: [2, 3]");

        AssertOnlyProblem(Lake, line, "cites footnote [3], but the article marks this quote with [2]");
    }

    [Fact]
    public void Citing_another_paragraphs_footnote_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "cites: [1]", "cites: [1, 3]");

        AssertOnlyProblem(Lake, line, "cites footnote [3], but the article marks this quote with [1]");
    }

    [Fact]
    public void Citing_the_article_for_a_marked_quote_is_a_problem()
    {
        _fixture.Replace(Lake, "cites: [2]", "cites: [1, 2]");
        var line = _fixture.Replace(Town, "cites: [3]", "cites: article");

        // Footnote [3] is then cited by nobody, which is its own problem.
        Assert.Equal(
            [
                new DeckProblem(FixtureDeck.PathOf("deck.yaml"), _fixture.LineOf("deck.yaml", "footnote: 3"), "footnote [3] is not cited by any fact"),
                new DeckProblem(FixtureDeck.PathOf(Lake), _fixture.LineOf(Lake, "cites: [1, 2]"), "cites footnote [1], but the article marks this quote with [2]"),
                new DeckProblem(FixtureDeck.PathOf(Town), line, "cites article, but the article marks this quote with [3]: cite that footnote"),
            ],
            _fixture.Load().Problems);
    }

    [Fact]
    public void Citing_a_footnote_for_a_paragraph_without_markers_is_a_problem()
    {
        var line = _fixture.Replace(Town, "cites: article", "cites: [3]");

        AssertOnlyProblem(Town, line, "cites footnote [3], but the article gives this quote no footnote: write 'cites: article'");
    }

    [Theory]
    [InlineData("cites: [3]")]
    [InlineData("cites: article")]
    public void After_a_paragraphs_last_marker_that_marker_or_the_article_may_be_cited(string cites)
    {
        _fixture.Replace("article.txt", "every month.[3]", "every month.[3] Its minutes are posted at the ferry pier.");
        _fixture.Replace(Town, "quote: Brenmoor is widely regarded as the quietest town in the valley.\n  cites: article", $"quote: Its minutes are posted at the ferry pier.\n  {cites}");

        Assert.Equal([], _fixture.Load().Problems);
    }

    [Fact]
    public void After_a_paragraphs_last_marker_an_earlier_marker_is_a_problem()
    {
        _fixture.Replace("article.txt", "every month.[3]", "every month.[3] Its minutes are posted at the ferry pier.");
        var line = _fixture.Replace(Town, "quote: Brenmoor is widely regarded as the quietest town in the valley.\n  cites: article", "quote: Its minutes are posted at the ferry pier.\n  cites: [2]");

        AssertOnlyProblem(Town, line + 1, "cites footnote [2], but this quote comes after its paragraph's last marker [3] (cite that, or 'article')");
    }

    [Fact]
    public void A_quotation_paragraph_takes_the_marker_that_introduces_it()
    {
        _fixture.Replace("article.txt", "in the valley.\n", "in the valley. The council wrote:[3]\n“Every resident may speak at a meeting.”\n");
        _fixture.Replace(Town, "quote: Brenmoor is widely regarded as the quietest town in the valley.\n  cites: article", "quote: Every resident may speak at a meeting.\n  cites: article");

        AssertOnlyProblem(Town, _fixture.LineOf(Town, "cites: article"), "cites article, but the article marks this quote with [3]: cite that footnote");
        _fixture.Replace(Town, "quote: Every resident may speak at a meeting.\n  cites: article", "quote: Every resident may speak at a meeting.\n  cites: [3]");
        Assert.Equal([], _fixture.Load().Problems);
    }

    [Fact]
    public void A_quote_from_the_footnote_list_cites_that_footnote()
    {
        _fixture.Replace(Town, "quote: Brenmoor is widely regarded as the quietest town in the valley.\n  cites: article", "quote: Council Calendar\n  cites: [3]");
        Assert.Equal([], _fixture.Load().Problems);

        var line = _fixture.Replace(Town, "quote: Council Calendar\n  cites: [3]", "quote: Lakes of the North\n  cites: [3]");

        AssertOnlyProblem(Town, line + 1, "cites footnote [3], but the article marks this quote with [1]");
    }

    private void AssertOnlyProblem(string file, int line, string message) =>
        Assert.Equal([new DeckProblem(FixtureDeck.PathOf(file), line, message)], _fixture.Load().Problems);
}
