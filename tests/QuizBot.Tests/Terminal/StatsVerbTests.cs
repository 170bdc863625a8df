using QuizBot.Pictures;
using QuizBot.Terminal;
using SkiaSharp;

namespace QuizBot.Tests.Terminal;

public sealed class StatsVerbTests : IDisposable
{
    private readonly TerminalHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Stats_charts_what_was_played_in_the_terminal()
    {
        ScreenReadingPlayer? player = null;
        Assert.Equal(0, (await harness.RunAsync(screen => player = new ScreenReadingPlayer(screen, harness.Deck, i => i < 3), "play", "--length", "4")).Code);
        var topics = player!.Asked.SelectMany(q => harness.Deck.Facts.Single(f => f.Id == q.FactId).Topics).Distinct().ToList();

        var (code, error) = await harness.RunAsync(_ => new ScriptedInput(), "stats");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var screen = harness.Screen.ToString();
        Assert.Contains("tester", screen, StringComparison.Ordinal);
        Assert.Contains("75% (3/4)", screen, StringComparison.Ordinal);
        Assert.All(topics, topic => Assert.Contains(topic + " (", screen, StringComparison.Ordinal));
        Assert.Contains("Last 30 days (4 answers)", screen, StringComparison.Ordinal);
        Assert.Contains("█", screen, StringComparison.Ordinal);
        Assert.Contains("Cards due, next 14 days (0 cards)", screen, StringComparison.Ordinal);
        Assert.Contains($"new {harness.Deck.Facts.Count}", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_can_write_the_bots_progress_card()
    {
        var file = Path.Combine(Path.GetDirectoryName(harness.DatabasePath)!, "card.png");

        var (code, error) = await harness.RunAsync(_ => new ScriptedInput(), "stats", "--png", file);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("No answers yet", harness.Screen.ToString(), StringComparison.Ordinal);
        using var png = SKBitmap.Decode(file);
        Assert.Equal(StatsCardRenderer.Width, png.Width);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 4, 8 }, 8, " ▁▂▄█")]
    [InlineData(new[] { 3, 3 }, 3, "██")]
    [InlineData(new[] { 0, 0 }, 0, "  ")]
    public void Sparklines_scale_to_the_largest_value(int[] values, int max, string expected) =>
        Assert.Equal(expected, StatsTerminal.Sparkline(values, max));
}
