using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>YAML mistakes an author makes, reported in plain words at the line to change.</summary>
public sealed class YamlErrorTests : IDisposable
{
    private const string Lake = "facts/01-lake.yaml";

    private readonly FixtureDeck _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_tab_is_reported_on_its_own_line_not_the_line_above()
    {
        // The parser blames the end of the plain scalar above (line 15); the tab is on line 16.
        var line = _fixture.Replace(Lake, "      prompt: Lake Ovel never freezes.", "\t  prompt: Lake Ovel never freezes.");

        AssertOnlyProblem(line, "YAML syntax error: a tab indents this line; YAML indents with spaces only");
    }

    [Fact]
    public void A_tab_inside_a_quoted_value_is_no_indentation_problem()
    {
        _fixture.Replace(Lake, "      prompt: Lake Ovel never freezes.", "      prompt: \"Lake Ovel\tnever freezes.\"");

        Assert.Equal([], _fixture.Load().Problems);
    }

    [Theory]
    [InlineData("  statement: Lake Ovel freezes for about ninety days each winter.", "  statement: Lake Ovel: it freezes for about ninety days each winter.", "a ': ' inside a value without quotes; put the whole value in quotes")]
    [InlineData("  statement: Lake Ovel freezes for about ninety days each winter.", "  statement: \"Lake Ovel freezes for about ninety days each winter.", "a quoted value is never closed: its closing quote is missing")]
    [InlineData("  cites: [1]", " cites: [1]", "this line is not indented like the list items around it")]
    [InlineData("    - kind: true-false", "   - kind: true-false", "this line is not indented like the keys around it (or a value above needs quotes)")]
    [InlineData("      prompt: Lake Ovel never freezes.", "      prompt: @Lake Ovel never freezes.", "a value cannot start with this character (@ or `); put the value in quotes")]
    [InlineData("  topics: [lake, climate]", "  topics: [lake, climate", "the list or mapping opened with '[' on this line is never closed with ']'")]
    public void A_syntax_error_is_explained_in_plain_words_at_its_line(string oldText, string newText, string message)
    {
        var line = _fixture.Replace(Lake, oldText, newText);

        AssertOnlyProblem(line, "YAML syntax error: " + message);
    }

    [Fact]
    public void An_apostrophe_is_not_a_quote_when_finding_an_unclosed_bracket()
    {
        var line = _fixture.Replace(Lake, "  topics: [lake, climate]", "  topics: [lake's, climate");

        AssertOnlyProblem(line, "YAML syntax error: the list or mapping opened with '[' on this line is never closed with ']'");
    }

    [Fact]
    public void A_key_given_twice_is_named()
    {
        var line = _fixture.Replace(Lake, "  topics: [lake, climate]\n", "  topics: [lake, climate]\n  topics: [lake]\n") + 1;

        AssertOnlyProblem(line, "YAML syntax error: the key 'topics' is given twice in one mapping; keep one");
    }

    private void AssertOnlyProblem(int line, string message) =>
        Assert.Equal([new DeckProblem(FixtureDeck.PathOf(Lake), line, message)], _fixture.Load().Problems);
}
