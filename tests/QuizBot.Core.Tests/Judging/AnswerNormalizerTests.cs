using QuizBot.Core.Judging;

namespace QuizBot.Core.Tests.Judging;

public sealed class AnswerNormalizerTests
{
    [Theory]
    [InlineData("  The   CSTO! ", "csto")]
    [InlineData("Türkiye", "turkiye")]
    [InlineData("İSTANBUL", "istanbul")]
    [InlineData("ıstanbul", "istanbul")]
    [InlineData("Straße", "strasse")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Rock & Roll", "rock and roll")]
    [InlineData("1,300", "1300")]
    [InlineData("1 300 000", "1300000")]
    [InlineData("1\u202F300", "1300")]
    [InlineData("1.5", "1.5")]
    [InlineData("1,5", "1.5")]
    [InlineData("Putin–Japarov", "putin japarov")]
    [InlineData("a", "a")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("...", "")]
    public void Normalizes(string? input, string expected)
    {
        Assert.Equal(expected, AnswerNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("kant", "kant", 0)]
    [InlineData("kant", "kent", 1)]
    [InlineData("kant", "knat", 1)]
    [InlineData("kant", "ant", 1)]
    [InlineData("kant", "kants", 1)]
    [InlineData("air", "chair", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("kyrgyzstan", "kirgizstan", 2)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(a, b));
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(b, a));
    }

    [Fact]
    public void Edit_distance_stops_early_beyond_the_limit()
    {
        Assert.True(EditDistance.OptimalStringAlignment("ab", "abcdefgh", 2) > 2);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(30, 2)]
    public void Allowed_typos_grow_with_length(int letters, int edits)
    {
        Assert.Equal(edits, AnswerJudge.AllowedEdits(letters));
    }
}
