using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>The shapes both pictures share: the card, section titles, bars, legends.</summary>
internal static class Drawing
{
    /// <summary>
    /// An opaque surface: its PNG is RGB with no alpha to unpremultiply, which made encoding about three times cheaper
    /// than the transparent RGBA card (bench/STAGES.md, "Pictures"). Discord rounds an embed image's corners itself.
    /// </summary>
    public static SKSurface Surface(int width, int height) =>
        SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgb888x, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");

    public static byte[] EncodePng(SKSurface surface, PngSettings settings)
    {
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(settings.Filter, settings.ZlibLevel))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the picture as PNG.");
        return png.ToArray();
    }

    /// <summary>The card fills the whole picture, with a one-pixel border.</summary>
    public static void Card(SKCanvas canvas, float width, float height)
    {
        canvas.Clear(Palette.Card);
        using var border = new SKPaint { Color = Palette.CardBorder, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(new SKRect(0.5f, 0.5f, width - 0.5f, height - 0.5f), border);
    }

    /// <summary>The title sits just above the section's area.</summary>
    public static void SectionTitle(CanvasText text, string title, SKRect area) =>
        text.Draw(title, area.Left, area.Top - 9, 13, Palette.Text, bold: true, maxWidth: area.Width - 120);

    public static void Legend(CanvasText text, SKCanvas canvas, SKRect area, IReadOnlyList<(string Label, SKColor Color)> entries)
    {
        var x = area.Right;
        foreach (var (label, color) in entries.Reverse())
        {
            x -= text.Measure(label, 11);
            text.Draw(label, x, area.Top - 9, 11, Palette.MutedText);
            x -= 14;
            Rect(canvas, new SKRect(x, area.Top - 18, x + 10, area.Top - 8), color);
            x -= 10;
        }
    }

    public static void Bar(SKCanvas canvas, SKRect rect, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawRoundRect(rect, 3, 3, paint);
    }

    public static void Baseline(SKCanvas canvas, SKRect area)
    {
        using var paint = new SKPaint { Color = Palette.Track, StrokeWidth = 1 };
        canvas.DrawLine(area.Left, area.Bottom + 0.5f, area.Right, area.Bottom + 0.5f, paint);
    }

    /// <summary>A plain fill without antialiasing, so chart rectangles keep their exact palette colour.</summary>
    public static void Rect(SKCanvas canvas, SKRect rect, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = false };
        canvas.DrawRect(rect, paint);
    }
}
