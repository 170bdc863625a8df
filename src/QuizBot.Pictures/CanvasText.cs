using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>Text on a canvas through <see cref="PictureFonts"/>: fallback runs, measuring, and ellipsis.</summary>
internal sealed class CanvasText(SKCanvas canvas, PictureFonts fonts)
{
    private const string Ellipsis = "…";

    public float Measure(string text, float size, bool bold = false)
    {
        var width = 0f;
        foreach (var (run, typeface) in fonts.Runs(text, bold ? fonts.Bold : fonts.Regular))
        {
            using var font = new SKFont(typeface, size);
            width += font.MeasureText(run);
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
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        foreach (var (run, typeface) in fonts.Runs(fitted, bold ? fonts.Bold : fonts.Regular))
        {
            using var font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias };
            canvas.DrawText(run, left, y, SKTextAlign.Left, font, paint);
            left += font.MeasureText(run);
        }
    }

    private string Fit(string text, float size, bool bold, float maxWidth)
    {
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
