using SkiaSharp;

namespace QuizBot.Pictures.Tests;

public sealed class PodiumRendererTests
{
    private static readonly PodiumRenderer Renderer = new();

    [Fact]
    public void Each_place_gets_a_disc_in_its_colour_with_first_in_the_middle()
    {
        var picture = Renderer.Render(PictureSamples.Podium);
        using var png = new Png(picture.Png);

        Assert.Equal((PodiumRenderer.Width, PodiumRenderer.Height), (png.Width, png.Height));
        Assert.Equal(Palette.Card, png.At(png.Width / 2, 6));
        for (var rank = 1; rank <= 3; rank++)
        {
            var centre = PodiumRenderer.DiscCentre(rank);
            // Above the initials, inside the disc.
            Assert.Equal(Palette.Podium[rank - 1], png.At(centre.X, centre.Y - 20));
        }

        Assert.True(PodiumRenderer.DiscCentre(2).X < PodiumRenderer.DiscCentre(1).X);
        Assert.True(PodiumRenderer.DiscCentre(1).X < PodiumRenderer.DiscCentre(3).X);
        Assert.True(PodiumRenderer.DiscCentre(1).Y < PodiumRenderer.DiscCentre(2).Y, "first stands highest");
    }

    [Fact]
    public void A_board_with_fewer_than_three_players_leaves_the_missing_places_empty()
    {
        var podium = PictureSamples.Podium with { Places = [new PodiumPlace(1, "Solo Player", "10 pts")] };
        using var png = new Png(Renderer.Render(podium).Png);

        Assert.True(png.Count(PodiumRenderer.Column(1), Palette.Podium[0]) > 500);
        Assert.Equal(0, png.Count(PodiumRenderer.Column(2), Palette.Podium[1]));
        Assert.Equal(0, png.Count(PodiumRenderer.Column(3), Palette.Podium[2]));
    }

    [Theory]
    [InlineData("Ada Lovelace", "AL")]
    [InlineData("ada", "A")]
    [InlineData("jean-luc picard", "JL")]
    [InlineData("Айгерим Сыдыкова", "АС")]
    [InlineData("_x_", "X")]
    [InlineData("🦉 owl", "O")]
    [InlineData("!!!", "?")]
    [InlineData("", "?")]
    public void Initials_take_the_first_letter_of_up_to_two_words(string name, string expected) =>
        Assert.Equal(expected, PodiumRenderer.Initials(name));

    [Fact]
    public void The_readme_podium_is_the_renderers_output_for_the_sample()
    {
        // Regenerate with: QUIZBOT_WRITE_DOCS=1 dotnet test tests/QuizBot.Pictures.Tests
        var picture = Renderer.Render(PictureSamples.Podium);
        var path = Path.Combine(RepositoryPaths.Root, "docs", "leaderboard-podium.png");
        if (Environment.GetEnvironmentVariable("QUIZBOT_WRITE_DOCS") == "1")
        {
            File.WriteAllBytes(path, picture.Png);
        }

        using var committed = new Png(File.ReadAllBytes(path));
        Assert.Equal((picture.Width, picture.Height), (committed.Width, committed.Height));
        Assert.Equal(Palette.Podium[0], committed.At(PodiumRenderer.DiscCentre(1).X, PodiumRenderer.DiscCentre(1).Y - 20));
    }
}
