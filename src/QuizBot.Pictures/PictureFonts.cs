using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>
/// The typefaces pictures are drawn with: DejaVu Sans (Debian's fonts-dejavu-core, installed in the runtime
/// image) found by family or by path, and, for a character it lacks (emoji, CJK, ...), whichever installed
/// font has it. A character no font has is drawn as U+FFFD, so a name never silently loses letters.
/// </summary>
public sealed class PictureFonts
{
    public const string PreferredFamily = "DejaVu Sans";

    private static readonly string[] RegularPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    private static readonly string[] BoldPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ];

    private readonly SKFontManager manager = SKFontManager.Default;
    private readonly ConcurrentDictionary<int, SKTypeface?> fallbacks = new();
    private readonly Lazy<IReadOnlyList<SKTypeface>> installed;

    public PictureFonts()
    {
        Regular = Find(SKFontStyle.Normal, RegularPaths);
        Bold = Find(SKFontStyle.Bold, BoldPaths);
        installed = new Lazy<IReadOnlyList<SKTypeface>>(LoadInstalled);
    }

    /// <summary>One set for the process: typefaces are immutable and safe to share between threads.</summary>
    public static PictureFonts Shared { get; } = new();

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>Whether the preferred family was found (otherwise the platform default draws the text).</summary>
    public bool HasPreferredFamily => Regular.FamilyName == PreferredFamily;

    /// <summary>
    /// Splits <paramref name="text"/> into runs that one typeface can draw: the primary one where it has the
    /// glyph, otherwise a fallback font that has it, otherwise the replacement character in the primary one.
    /// </summary>
    public IEnumerable<(string Text, SKTypeface Typeface)> Runs(string text, SKTypeface primary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(primary);

        // Printable ASCII is in every font this looks for: one run, no glyph lookups.
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            if (text.Length > 0)
            {
                yield return (text, primary);
            }

            yield break;
        }

        using var primaryFont = new SKFont(primary);
        var run = new StringBuilder();
        SKTypeface? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var (typeface, value) = primaryFont.ContainsGlyph(rune.Value) || IsInvisible(rune)
                ? (primary, rune.ToString())
                : Fallback(rune.Value) is { } fallback ? (fallback, rune.ToString()) : (primary, "\uFFFD");
            if (current is not null && !ReferenceEquals(current, typeface))
            {
                yield return (run.ToString(), current);
                run.Clear();
            }

            current = typeface;
            run.Append(value);
        }

        if (current is not null && run.Length > 0)
        {
            yield return (run.ToString(), current);
        }
    }

    // Variation selectors and joiners belong to the emoji they follow; they have no glyph of their own.
    private static bool IsInvisible(Rune rune) =>
        rune.Value is 0x200D or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    private SKTypeface? Fallback(int codePoint) =>
        fallbacks.GetOrAdd(codePoint, c =>
            manager.MatchCharacter(null, SKFontStyle.Normal, null, c)
            ?? installed.Value.FirstOrDefault(typeface => Has(typeface, c)));

    private static bool Has(SKTypeface typeface, int codePoint)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyph(codePoint);
    }

    // Without fontconfig the font manager cannot match a character itself: ask every installed family.
    private IReadOnlyList<SKTypeface> LoadInstalled() =>
        manager.FontFamilies
            .Select(family => manager.MatchFamily(family, SKFontStyle.Normal))
            .OfType<SKTypeface>()
            .ToList();

    private SKTypeface Find(SKFontStyle style, IEnumerable<string> paths)
    {
        var byFamily = manager.MatchFamily(PreferredFamily, style);
        if (byFamily?.FamilyName == PreferredFamily)
        {
            return byFamily;
        }

        foreach (var path in paths.Where(File.Exists))
        {
            if (SKTypeface.FromFile(path) is { } typeface)
            {
                return typeface;
            }
        }

        return byFamily ?? manager.MatchFamily(null, style) ?? SKTypeface.Default;
    }
}
