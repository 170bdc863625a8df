using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>How a picture's pixels become PNG: the row filter libpng applies and zlib's level (0–9).</summary>
public sealed record PngSettings(SKPngEncoderFilterFlags Filter, int ZlibLevel)
{
    /// <summary>What the pictures were encoded with before 2026-12-06: the "sub" filter at level 3.</summary>
    public static PngSettings SubLevel3 { get; } = new(SKPngEncoderFilterFlags.Sub, 3);

    /// <summary>What the renderers use (see bench/STAGES.md, "Pictures, second pass").</summary>
    public static PngSettings Default { get; } = SubLevel3;
}
