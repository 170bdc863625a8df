using System.Globalization;
using System.Text;
using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>
/// Draws the leaderboard's top three as a podium: second, first, third from left to right, each an initials
/// disc (no avatar is fetched) over the name, the score and a step with the place number. Safe to call from
/// many threads.
/// </summary>
public sealed class PodiumRenderer(PictureFonts fonts)
{
    public const int Width = 520;
    public const int Height = 236;

    private const float Pad = 20;
    private const float DiscRadius = 26;
    private static readonly float[] StepHeights = [64, 46, 32];

    public PodiumRenderer()
        : this(PictureFonts.Shared)
    {
    }

    /// <summary>How the PNG is encoded (the benchmarks compare settings).</summary>
    public PngSettings Png { get; init; } = PngSettings.Default;

    public RenderedPicture Render(Podium podium)
    {
        using var surface = Draw(podium);
        return new RenderedPicture(Drawing.EncodePng(surface, Png), Width, Height);
    }

    /// <summary>The podium drawn on a surface of its own, not yet encoded (the benchmarks time the two apart).</summary>
    internal SKSurface Draw(Podium podium)
    {
        ArgumentNullException.ThrowIfNull(podium);
        var surface = Drawing.Surface(Width, Height);
        try
        {
            var canvas = surface.Canvas;
            using var text = new CanvasText(canvas, fonts);
            Drawing.Card(canvas, Width, Height);
            text.Draw(podium.Title, Pad, Pad + 16, 15, Palette.Text, bold: true, maxWidth: Width - (2 * Pad));
            foreach (var place in podium.Places.Where(p => p.Rank is >= 1 and <= 3))
            {
                DrawPlace(canvas, text, place, Column(place.Rank));
            }

            canvas.Flush();
            return surface;
        }
        catch
        {
            surface.Dispose();
            throw;
        }
    }

    /// <summary>The column of a place: second on the left, first in the middle, third on the right.</summary>
    public static SKRect Column(int rank)
    {
        const float width = (Width - (2 * Pad)) / 3;
        var index = rank switch { 1 => 1, 2 => 0, _ => 2 };
        var left = Pad + (index * width);
        return new SKRect(left, Pad + 28, left + width, Height - Pad);
    }

    /// <summary>The centre of a place's initials disc.</summary>
    public static SKPoint DiscCentre(int rank)
    {
        var column = Column(rank);
        var stepTop = column.Bottom - StepHeights[rank - 1];
        return new SKPoint(column.MidX, stepTop - 44 - DiscRadius);
    }

    /// <summary>Up to two letters from the name's words ("Ada Lovelace" → "AL"), or "?" when it has none.</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = name
            .Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.EnumerateRunes().FirstOrDefault(r => Rune.IsLetterOrDigit(r)))
            .Where(rune => rune.Value != 0)
            .Take(2)
            .Select(rune => Rune.ToUpperInvariant(rune).ToString());
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "?" : initials;
    }

    private static void DrawPlace(SKCanvas canvas, CanvasText text, PodiumPlace place, SKRect column)
    {
        var color = Palette.Podium[place.Rank - 1];
        var step = new SKRect(column.Left + 10, column.Bottom - StepHeights[place.Rank - 1], column.Right - 10, column.Bottom);
        using (var paint = new SKPaint { Color = Palette.Tile, IsAntialias = true })
        {
            canvas.DrawRoundRect(step, 6, 6, paint);
        }

        text.Draw(place.Rank.ToString(CultureInfo.InvariantCulture), step.MidX, step.Top + 26, 22, color, bold: true, align: SKTextAlign.Center);

        var centre = DiscCentre(place.Rank);
        using (var disc = new SKPaint { Color = color, IsAntialias = true })
        {
            canvas.DrawCircle(centre, DiscRadius, disc);
        }

        text.Draw(Initials(place.DisplayName), centre.X, centre.Y + 7, 19, Palette.Card, bold: true, align: SKTextAlign.Center, maxWidth: DiscRadius * 2);
        text.Draw(place.DisplayName, column.MidX, step.Top - 24, 13, Palette.Text, bold: true, align: SKTextAlign.Center, maxWidth: column.Width - 8);
        text.Draw(place.Score, column.MidX, step.Top - 8, 12, Palette.MutedText, align: SKTextAlign.Center, maxWidth: column.Width - 8);
    }
}
