using SkiaSharp;

namespace QuizBot.Pictures.Tests;

public sealed class PictureFontsTests
{
    private static readonly PictureFonts Fonts = PictureFonts.Shared;

    [Fact]
    public void The_preferred_font_is_found_here_as_in_the_runtime_image()
    {
        // fonts-dejavu-core is installed on the build machine and in the Docker image.
        Assert.True(Fonts.HasPreferredFamily, $"found {Fonts.Regular.FamilyName} instead of {PictureFonts.PreferredFamily}");
        Assert.NotEqual(Fonts.Regular, Fonts.Bold);
    }

    [Theory]
    [InlineData("Plain ASCII")]
    [InlineData("Айгерим Ö. Ğ")]
    [InlineData("Li Wei 李伟")]
    [InlineData("owl 🦉 fire 🔥")]
    [InlineData("flag 🇰🇬 and family 👩‍👩‍👧")]
    public void Every_character_lands_in_a_run_whose_typeface_can_draw_it(string name)
    {
        var runs = Fonts.Runs(name, Fonts.Regular).ToList();

        Assert.NotEmpty(runs);
        Assert.Equal(name.EnumerateRunes().Count(), string.Concat(runs.Select(r => r.Text)).EnumerateRunes().Count());
        foreach (var (text, typeface) in runs)
        {
            using var font = new SKFont(typeface);
            foreach (var rune in text.EnumerateRunes().Where(r => r.Value is not (0x200D or 0xFE0F)))
            {
                Assert.True(font.ContainsGlyph(rune.Value), $"{typeface.FamilyName} has no glyph for U+{rune.Value:X4} in \"{name}\"");
            }
        }
    }

    [Fact]
    public void A_character_no_installed_font_has_becomes_the_replacement_character_not_nothing()
    {
        // U+10FFFD is a private-use code point no font here draws.
        var runs = Fonts.Runs("a\U0010FFFDb", Fonts.Regular).ToList();

        Assert.Equal("a\uFFFDb", string.Concat(runs.Select(r => r.Text)));
    }
}
