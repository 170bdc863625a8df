using SkiaSharp;

namespace QuizBot.Pictures.Tests;

public sealed class StatsCardRendererTests
{
    private static readonly StatsCardRenderer Renderer = new();

    private static StatsCard Empty { get; } = new("Newcomer", 0, null, 0, 0, 0, 0, [], Enumerable.Range(0, 30).Select(i => new DayScore(new DateOnly(2026, 1, 1).AddDays(i), 0, 0)).ToList(), new int[14], 0, 0, 61);

    [Fact]
    public void The_card_is_a_png_of_discords_inline_width_and_its_layouts_height()
    {
        var card = PictureSamples.StatsCard;
        var picture = Renderer.Render(card);
        using var png = new Png(picture.Png);

        Assert.Equal(StatsCardRenderer.Width, png.Width);
        Assert.InRange(png.Width, 400, 550);
        Assert.Equal((int)StatsCardRenderer.Layout(card).Height, png.Height);
        Assert.Equal((picture.Width, picture.Height), (png.Width, png.Height));
    }

    [Fact]
    public void The_card_draws_its_own_opaque_background_and_is_not_blank()
    {
        using var png = new Png(Renderer.Render(PictureSamples.StatsCard).Png);

        Assert.Equal(Palette.Card, png.At(png.Width / 2, 8));
        Assert.Equal(Palette.Card, png.At(6, png.Height / 2));
        Assert.True(png.DistinctColors() > 50, "text and charts should add many colours to the background");
    }

    [Fact]
    public void Both_pictures_are_opaque_rgb_pngs_with_the_border_in_the_corners()
    {
        // PNG: 8-byte signature, the IHDR chunk's length and type, width, height, bit depth, then the colour type (2 = RGB).
        const int colourTypeOffset = 25;
        var card = Renderer.Render(PictureSamples.StatsCard).Png;
        var podium = new PodiumRenderer().Render(PictureSamples.Podium).Png;

        Assert.Equal(2, card[colourTypeOffset]);
        Assert.Equal(2, podium[colourTypeOffset]);
        using var png = new Png(card);
        Assert.Equal(Palette.CardBorder, png.At(0, 0));
        Assert.Equal(Palette.CardBorder, png.At(png.Width - 1, png.Height - 1));
    }

    [Fact]
    public void Topic_bars_are_drawn_in_the_topic_colour_and_as_long_as_the_accuracy()
    {
        var card = PictureSamples.StatsCard with { Topics = [new("strong", 10, 9), new("weak", 8, 2)] };
        var layout = StatsCardRenderer.Layout(card);
        using var png = new Png(Renderer.Render(card).Png);

        var strongRow = new SKRect(layout.Topics.Left, layout.Topics.Top, layout.Topics.Right, layout.Topics.Top + 22);
        var weakRow = new SKRect(layout.Topics.Left, layout.Topics.Top + 22, layout.Topics.Right, layout.Topics.Top + 44);
        var strong = png.Count(strongRow, Palette.TopicBar);
        var weak = png.Count(weakRow, Palette.TopicBar);

        Assert.True(weak > 0, "a 25% topic still shows a bar");
        Assert.InRange((double)strong / weak, 3.0, 4.2); // 90% against 25%
    }

    [Fact]
    public void The_daily_chart_stacks_right_and_wrong_answers_and_leaves_quiet_days_empty()
    {
        var days = Enumerable.Range(0, 30).Select(i => new DayScore(new DateOnly(2026, 11, 6).AddDays(i), 0, 0)).ToArray();
        days[10] = days[10] with { Answered = 10, Correct = 10 };
        days[20] = days[20] with { Answered = 10, Correct = 0 };
        var card = PictureSamples.StatsCard with { Days = days };
        var area = StatsCardRenderer.Layout(card).Days;
        using var png = new Png(Renderer.Render(card).Png);

        var slot = area.Width / 30;
        SKRect Day(int i) => new(area.Left + (i * slot), area.Top, area.Left + ((i + 1) * slot), area.Bottom);
        Assert.True(png.Count(Day(10), Palette.Right) > 50);
        Assert.Equal(0, png.Count(Day(10), Palette.Wrong));
        Assert.True(png.Count(Day(20), Palette.Wrong) > 50);
        Assert.Equal(0, png.Count(Day(20), Palette.Right));
        Assert.Equal(0, png.Count(Day(15), Palette.Right) + png.Count(Day(15), Palette.Wrong));
    }

    [Fact]
    public void The_due_forecast_has_one_column_per_day_in_the_due_colour()
    {
        var card = PictureSamples.StatsCard with { DueByDay = [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8] };
        var area = StatsCardRenderer.Layout(card).Due;
        using var png = new Png(Renderer.Render(card).Png);

        var slot = area.Width / 14;
        SKRect Day(int i) => new(area.Left + (i * slot), area.Top, area.Left + ((i + 1) * slot), area.Bottom);
        var today = png.Count(Day(0), Palette.Due);
        var last = png.Count(Day(13), Palette.Due);
        Assert.True(today > 0);
        Assert.Equal(0, png.Count(Day(6), Palette.Due));
        Assert.InRange((double)last / today, 1.6, 2.4); // twice the cards, about twice the column
    }

    [Fact]
    public void The_flashcard_bar_shows_learned_learning_and_new_in_their_colours()
    {
        var card = PictureSamples.StatsCard with { CardsLearned = 30, CardsLearning = 10, CardsNew = 20 };
        var area = StatsCardRenderer.Layout(card).Cards;
        using var png = new Png(Renderer.Render(card).Png);

        var learned = png.Count(area, Palette.Learned);
        var learning = png.Count(area, Palette.Learning);
        var fresh = png.Count(area, Palette.New);
        Assert.True(learning > 0);
        Assert.InRange((double)learned / learning, 2.5, 3.5);
        Assert.InRange((double)fresh / learning, 1.6, 2.4);
    }

    [Fact]
    public void A_player_without_answers_or_cards_gets_a_card_with_empty_charts()
    {
        var layout = StatsCardRenderer.Layout(Empty);
        using var png = new Png(Renderer.Render(Empty).Png);

        Assert.Equal(StatsCardRenderer.Width, png.Width);
        Assert.Equal(0, png.Count(layout.Topics, Palette.TopicBar));
        Assert.Equal(0, png.Count(layout.Days, Palette.Right) + png.Count(layout.Days, Palette.Wrong));
        Assert.Equal(0, png.Count(layout.Due, Palette.Due));
        Assert.True(png.Count(layout.Cards, Palette.New) > 0, "every card is still new");
    }

    [Fact]
    public void Many_topics_are_capped_so_the_card_stays_short()
    {
        var topics = Enumerable.Range(0, 30).Select(i => new TopicScore($"topic-{i}", 30 - i, 10)).ToList();
        var card = PictureSamples.StatsCard with { Topics = topics };

        Assert.Equal(StatsCardRenderer.Layout(PictureSamples.StatsCard).Height, StatsCardRenderer.Layout(card).Height);
        using var png = new Png(Renderer.Render(card).Png);
        Assert.Equal((int)StatsCardRenderer.Layout(card).Height, png.Height);
    }

    [Fact]
    public void The_readme_picture_is_the_renderers_output_for_the_sample()
    {
        // Regenerate with: QUIZBOT_WRITE_DOCS=1 dotnet test tests/QuizBot.Pictures.Tests
        var picture = Renderer.Render(PictureSamples.StatsCard);
        var path = Path.Combine(RepositoryPaths.Root, "docs", "stats-card.png");
        if (Environment.GetEnvironmentVariable("QUIZBOT_WRITE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, picture.Png);
        }

        using var committed = new Png(File.ReadAllBytes(path));
        Assert.Equal((picture.Width, picture.Height), (committed.Width, committed.Height));
        Assert.Equal(Palette.Card, committed.At(committed.Width / 2, 8));
    }
}
