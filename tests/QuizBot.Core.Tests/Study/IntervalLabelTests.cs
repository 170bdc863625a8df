using QuizBot.Core.Study;

namespace QuizBot.Core.Tests.Study;

public sealed class IntervalLabelTests
{
    [Theory]
    [InlineData(0.2, "1m")]
    [InlineData(60, "1m")]
    [InlineData(600, "10m")]
    [InlineData(330, "6m")]
    [InlineData(3600, "1h")]
    [InlineData(5 * 3600, "5h")]
    [InlineData(86400, "1d")]
    [InlineData(3 * 86400, "3d")]
    [InlineData(29 * 86400, "29d")]
    [InlineData(30 * 86400, "1mo")]
    [InlineData(61 * 86400, "2mo")]
    [InlineData(364 * 86400, "11mo")]
    [InlineData(365 * 86400, "1y")]
    [InlineData(548 * 86400, "1.5y")]
    [InlineData(36500.0 * 86400, "100y")]
    public void Formats_intervals_for_buttons(double seconds, string expected)
    {
        Assert.Equal(expected, IntervalLabel.Format(TimeSpan.FromSeconds(seconds)));
    }
}
