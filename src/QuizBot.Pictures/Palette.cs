using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>
/// The pictures' colours: Okabe–Ito's colour-blind-safe set for data, on the picture's own dark card, so it
/// reads the same in Discord's dark and light themes.
/// </summary>
public static class Palette
{
    // Okabe & Ito (2008), "Color Universal Design".
    public static readonly SKColor Orange = new(0xE6, 0x9F, 0x00);
    public static readonly SKColor SkyBlue = new(0x56, 0xB4, 0xE9);
    public static readonly SKColor BluishGreen = new(0x00, 0x9E, 0x73);
    public static readonly SKColor Yellow = new(0xF0, 0xE4, 0x42);
    public static readonly SKColor Vermillion = new(0xD5, 0x5E, 0x00);
    public static readonly SKColor ReddishPurple = new(0xCC, 0x79, 0xA7);

    public static readonly SKColor Card = new(0x1F, 0x23, 0x2B);
    public static readonly SKColor CardBorder = new(0x3A, 0x40, 0x4C);
    public static readonly SKColor Tile = new(0x2A, 0x2F, 0x3A);
    public static readonly SKColor Track = new(0x38, 0x3E, 0x4A);
    public static readonly SKColor Text = new(0xF2, 0xF3, 0xF5);
    public static readonly SKColor MutedText = new(0xA9, 0xB0, 0xBC);

    /// <summary>Accuracy per topic.</summary>
    public static SKColor TopicBar => SkyBlue;

    /// <summary>Right answers in the daily chart, and learned cards.</summary>
    public static SKColor Right => BluishGreen;

    /// <summary>Wrong (or skipped) answers in the daily chart.</summary>
    public static SKColor Wrong => Vermillion;

    /// <summary>Cards falling due.</summary>
    public static SKColor Due => Orange;

    public static SKColor Learned => BluishGreen;

    public static SKColor Learning => Yellow;

    public static SKColor New => ReddishPurple;

    /// <summary>The discs of the podium's first, second and third places.</summary>
    public static IReadOnlyList<SKColor> Podium { get; } = [Orange, SkyBlue, ReddishPurple];
}
