using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>Text on a canvas through <see cref="PictureFonts"/>: fallback runs, measuring, and ellipsis.</summary>
internal sealed class CanvasText(SKCanvas canvas, PictureFonts fonts) : IDisposable
{
    private const string Ellipsis = "…";

    // One SKFont per typeface and size for the whole picture: creating them per run is most of the text cost.
    private readonly Dictionary<(SKTypeface Typeface, float Size), SKFont> fontCache = [];
    private readonly SKPaint paint = new() { IsAntialias = true };

    public void Dispose()
    {
        foreach (var font in fontCache.Values)
        {
            font.Dispose();
        }

        paint.Dispose();
    }

    public float Measure(string text, float size, bool bold = false)
    {
        var width = 0f;
        foreach (var (run, typeface) in fonts.Runs(text, bold ? fonts.Bold : fonts.Regular))
        {
            width += Font(typeface, size).MeasureText(run);
        }

        return width;
    }

    /// <summary>Draws one line with its baseline at <paramref name="y"/>, shortened with "…" to fit <paramref name="maxWidth"/>.</summary>
    public void Draw(string text, float x, float y, float size, SKColor color, bool bold = false, SKTextAlign align = SKTextAlign.Left, float maxWidth = float.MaxValue)
    {
        var fitted = Fit(text, size, bold, maxWidth);
        var width = Measure(fitted, size, bold);
        var left = align switch
        {
            SKTextAlign.Center => x - (width / 2),
            SKTextAlign.Right => x - width,
            _ => x,
        };
        paint.Color = color;
        foreach (var (run, typeface) in fonts.Runs(fitted, bold ? fonts.Bold : fonts.Regular))
        {
            var font = Font(typeface, size);
            canvas.DrawText(run, left, y, SKTextAlign.Left, font, paint);
            left += font.MeasureText(run);
        }
    }

    private SKFont Font(SKTypeface typeface, float size)
    {
        if (!fontCache.TryGetValue((typeface, size), out var font))
        {
            font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias };
            fontCache[(typeface, size)] = font;
        }

        return font;
    }

    private string Fit(string text, float size, bool bold, float maxWidth)
    {
        if (maxWidth == float.MaxValue)
        {
            return text;
        }

        if (Measure(text, size, bold) <= maxWidth)
        {
            return text;
        }

        // Cut whole text elements, so an emoji or an accented letter is never split in half.
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var kept = new List<string>();
        while (elements.MoveNext())
        {
            kept.Add(elements.GetTextElement());
        }

        while (kept.Count > 0 && Measure(string.Concat(kept) + Ellipsis, size, bold) > maxWidth)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Concat(kept).TrimEnd() + Ellipsis;
    }
}
