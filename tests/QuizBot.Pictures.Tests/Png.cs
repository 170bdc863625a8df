using SkiaSharp;

namespace QuizBot.Pictures.Tests;

/// <summary>Decodes a rendered PNG and answers questions about its pixels.</summary>
internal sealed class Png : IDisposable
{
    private readonly SKBitmap bitmap;

    public Png(byte[] bytes)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4).ToArray());
        bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("not a decodable image");
    }

    public int Width => bitmap.Width;

    public int Height => bitmap.Height;

    public SKColor At(float x, float y) => bitmap.GetPixel((int)x, (int)y);

    /// <summary>How many pixels inside <paramref name="area"/> have exactly <paramref name="color"/>.</summary>
    public int Count(SKRect area, SKColor color)
    {
        var count = 0;
        for (var y = (int)area.Top; y < (int)Math.Ceiling(area.Bottom); y++)
        {
            for (var x = (int)area.Left; x < (int)Math.Ceiling(area.Right); x++)
            {
                if (bitmap.GetPixel(x, y) == color)
                {
                    count++;
                }
            }
        }

        return count;
    }

    public int DistinctColors() =>
        Enumerable.Range(0, bitmap.Height).SelectMany(y => Enumerable.Range(0, bitmap.Width).Select(x => bitmap.GetPixel(x, y))).Distinct().Count();

    public void Dispose() => bitmap.Dispose();
}
