using QuizBot.Views;

namespace QuizBot.Tests.Views;

public sealed class TextFitTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("eleven chars", 10, "eleven ch…")]
    public void Truncate_cuts_with_an_ellipsis_only_when_needed(string text, int max, string expected)
    {
        Assert.Equal(expected, TextFit.Truncate(text, max));
    }

    [Fact]
    public void Truncate_never_splits_an_emoji()
    {
        var cut = TextFit.Truncate("ab😀😀", 4);

        Assert.Equal("ab…", cut);
    }

    [Theory]
    [InlineData(0, 10, "▱▱▱▱▱▱▱▱▱▱")]
    [InlineData(3, 10, "▰▰▰▱▱▱▱▱▱▱")]
    [InlineData(10, 10, "▰▰▰▰▰▰▰▰▰▰")]
    [InlineData(1, 3, "▰▰▰▱▱▱▱▱▱▱")]
    [InlineData(5, 0, "▱▱▱▱▱▱▱▱▱▱")]
    public void Bar_fills_in_proportion(int done, int total, string expected)
    {
        Assert.Equal(expected, TextFit.Bar(done, total));
    }

    [Fact]
    public void Markdown_in_names_is_escaped_and_newlines_flattened()
    {
        Assert.Equal(@"\*Bob\_\_ \@everyone", TextFit.EscapeMarkdown("*Bob__\n@everyone"));
    }
}
