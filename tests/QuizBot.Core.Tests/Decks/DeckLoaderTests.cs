using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

public sealed class DeckLoaderTests : IDisposable
{
    private readonly FixtureDeck _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void The_fixture_deck_loads_without_problems()
    {
        var result = _fixture.Load();

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        var deck = Assert.Single(result.Decks);
        Assert.Equal("tiny-lake", deck.Id);
        Assert.Equal("Brenmoor and Lake Ovel", deck.Title);
        Assert.Equal("en", deck.Language);
        Assert.Equal(new ArticleInfo("Brenmoor on the lake", null, null, "https://example.org/brenmoor"), deck.Article);
        Assert.StartsWith("The town of Brenmoor", deck.ArticleText, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_load_in_file_order_with_their_fields()
    {
        var deck = Assert.Single(_fixture.Load().Decks);

        Assert.Equal(["lake-freezes", "grey-heron-ferry", "council-meets", "quiet-town"], deck.Facts.Select(f => f.Id));
        var fact = deck.Facts[0];
        Assert.Equal("Lake Ovel freezes for about ninety days each winter.", fact.Statement);
        Assert.Equal("Lake Ovel, which freezes for about ninety days each winter", fact.Quote);
        Assert.Equal([1], fact.Cites);
        Assert.Equal(["lake", "climate"], fact.Topics);
        Assert.Equal(new Card("For how long does Lake Ovel freeze each winter?", "For about ninety days."), fact.Card);
        Assert.Equal(["climate", "lake", "town", "transport"], deck.Topics);
    }

    [Fact]
    public void A_fact_citing_the_article_has_no_footnotes()
    {
        var deck = Assert.Single(_fixture.Load().Decks);

        var quiet = deck.Facts.Single(f => f.Id == "quiet-town");
        Assert.Empty(quiet.Cites);
        Assert.True(quiet.CitesArticleItself);
        Assert.False(deck.Facts[0].CitesArticleItself);
    }

    [Fact]
    public void Each_question_kind_loads_into_the_model()
    {
        var questions = Assert.Single(_fixture.Load().Decks).Questions.ToDictionary(q => q.Id);

        var mc = questions["lake-freezes-mc1"];
        Assert.Equal(QuestionKind.MultipleChoice, mc.Kind);
        Assert.Equal("lake-freezes", mc.FactId);
        Assert.Equal("Ninety", mc.Answer);
        Assert.Equal(["Ninety", "Thirty", "Sixty", "One hundred and twenty"], mc.Choices);
        Assert.Empty(mc.Accepted);
        Assert.Equal("The lake freezes for about ninety days each winter.", mc.Explanation);

        var tf = questions["lake-freezes-tf1"];
        Assert.Equal(QuestionKind.TrueFalse, tf.Kind);
        Assert.Equal("false", tf.Answer);
        Assert.Empty(tf.Choices);
        Assert.Equal("true", questions["quiet-town-tf1"].Answer);

        var typed = questions["grey-heron-ferry-typed1"];
        Assert.Equal(QuestionKind.Typed, typed.Kind);
        Assert.Equal("Grey Heron", typed.Answer);
        Assert.Equal(["The Grey Heron"], typed.Accepted);
        Assert.Empty(typed.Choices);

        var blank = questions["grey-heron-ferry-blank1"];
        Assert.Equal(QuestionKind.FillBlank, blank.Kind);
        Assert.Equal("1911", blank.Answer);
        Assert.Equal("The Grey Heron has crossed Lake Ovel since ____.", blank.Prompt);
        Assert.Empty(blank.Accepted);
    }

    [Fact]
    public void A_question_id_overrides_the_default_and_still_counts_for_its_kind()
    {
        var fact = Assert.Single(_fixture.Load().Decks).Facts.Single(f => f.Id == "council-meets");

        Assert.Equal(["council-day", "council-meets-mc2"], fact.Questions.Select(q => q.Id));
    }

    [Fact]
    public void An_ibid_footnote_keeps_its_number_and_copies_the_source_it_repeats()
    {
        var deck = Assert.Single(_fixture.Load().Decks);

        Assert.Equal(
            [
                new Source(1, "Lakes of the North", "Valley Gazette", "https://example.org/lakes", "01.02.2024", null),
                new Source(2, "Lakes of the North", "Valley Gazette", "https://example.org/lakes", "01.02.2024", 1),
                new Source(3, "Council Calendar", "Brenmoor Council", "https://example.org/council", "03.02.2024", null),
            ],
            deck.Sources);
    }

    [Fact]
    public void A_quote_matches_across_line_breaks_and_doubled_spaces()
    {
        // The fixture's article has "council  meets" (two spaces); the YAML folds the quote over two lines.
        var deck = Assert.Single(_fixture.Load().Decks);

        Assert.Contains("council  meets", deck.ArticleText, StringComparison.Ordinal);
        Assert.Equal("The town council meets on the first Monday of every month.", deck.Facts[2].Quote);
    }

    [Fact]
    public void LoadAll_loads_every_subfolder_with_a_deck_yaml_and_skips_others()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.Root, "notes"));

        var result = DeckLoader.LoadAll(_fixture.Root);

        Assert.Empty(result.Problems);
        Assert.Equal(["tiny-lake"], result.Decks.Select(d => d.Id));
    }

    [Fact]
    public void LoadAll_reports_a_content_folder_without_decks()
    {
        var empty = Path.Combine(_fixture.Root, "empty");
        Directory.CreateDirectory(empty);

        var result = DeckLoader.LoadAll(empty);

        Assert.Empty(result.Decks);
        Assert.Equal(new DeckProblem(empty, 0, "no decks here: a deck is a subfolder holding a deck.yaml"), Assert.Single(result.Problems));
    }

    [Fact]
    public void LoadAll_reports_a_missing_content_folder()
    {
        var missing = Path.Combine(_fixture.Root, "nowhere");

        var result = DeckLoader.LoadAll(missing);

        Assert.Equal(new DeckProblem(missing, 0, "the content folder does not exist"), Assert.Single(result.Problems));
    }

    [Fact]
    public void LoadDeck_reports_a_folder_without_deck_yaml()
    {
        File.Delete(Path.Combine(_fixture.Dir, "deck.yaml"));

        var result = _fixture.Load();

        Assert.Empty(result.Decks);
        Assert.Equal(new DeckProblem("tiny-lake/deck.yaml", 0, "deck.yaml not found: a deck folder needs one"), Assert.Single(result.Problems));
    }

    [Fact]
    public void A_problem_prints_as_file_line_message()
    {
        Assert.Equal("tiny-lake/facts/01-lake.yaml:3: quote not found", new DeckProblem("tiny-lake/facts/01-lake.yaml", 3, "quote not found").ToString());
    }
}
