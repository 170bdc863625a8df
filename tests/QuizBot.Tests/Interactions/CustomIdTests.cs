using QuizBot.Interactions;

namespace QuizBot.Tests.Interactions;

public sealed class CustomIdTests
{
    [Fact]
    public void A_custom_id_round_trips_through_its_text()
    {
        var id = CustomId.Create(CustomIdAreas.Quiz, "0a1b2c3d4e5f6a7b", "a", 3, 1);

        Assert.Equal("q1:0a1b2c3d4e5f6a7b:a:3:1", id.ToString());
        Assert.True(CustomId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.Equal("q", parsed.Area);
        Assert.Equal(3, parsed.IntArg(0));
        Assert.Equal(1, parsed.IntArg(1));
        Assert.Null(parsed.IntArg(2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("q1:abc")]
    [InlineData("q2:abc:a:1")]
    [InlineData("Q1:abc:a:1")]
    [InlineData("q1::a:1")]
    [InlineData("q1:abc:a::1")]
    [InlineData("quiz:abc:a")]
    [InlineData("some-other-bot-button")]
    public void Anything_not_written_by_this_grammar_version_is_refused(string? text)
    {
        Assert.False(CustomId.TryParse(text, out _));
    }

    [Fact]
    public void Text_longer_than_Discord_allows_is_refused_both_ways()
    {
        Assert.Throws<ArgumentException>(() => CustomId.Create(CustomIdAreas.Quiz, new string('x', 95), "a", 1));
        Assert.False(CustomId.TryParse("q1:" + new string('x', 100) + ":a", out _));
    }

    [Fact]
    public void A_part_holding_the_separator_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => CustomId.Create(CustomIdAreas.Study, "user", "show", "card:with:colons"));
        Assert.Throws<ArgumentException>(() => CustomId.Create(CustomIdAreas.Study, "", "show"));
    }

    [Fact]
    public void Negative_or_non_numeric_args_are_not_numbers()
    {
        Assert.True(CustomId.TryParse("q1:abc:a:-1:x", out var id));
        Assert.Null(id.IntArg(0));
        Assert.Null(id.IntArg(1));
    }
}
