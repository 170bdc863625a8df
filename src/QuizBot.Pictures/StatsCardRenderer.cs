using System.Globalization;
using SkiaSharp;

namespace QuizBot.Pictures;

/// <summary>
/// Draws the /stats progress card: a 520 px wide PNG (Discord shows inline images up to about 550 px) with
/// the totals as tiles, accuracy per topic as bars, 30 days of answers, 14 days of cards due, and the cards by
/// learning phase. Safe to call from many threads.
/// </summary>
public sealed class StatsCardRenderer(PictureFonts fonts)
{
    public const int Width = 520;
    public const int MaxTopics = 8;

    private const float Pad = 20;
    private const float Inner = Width - (2 * Pad);
    private const float SectionTitle = 24;
    private const float TopicRow = 22;
    private const float DailyChartHeight = 84;
    private const float DueChartHeight = 64;
    private const float AxisLabels = 16;
    private const float SectionGap = 16;

    public StatsCardRenderer()
        : this(PictureFonts.Shared)
    {
    }

    /// <summary>How the PNG is encoded (the benchmarks compare settings).</summary>
    public PngSettings Png { get; init; } = PngSettings.Default;

    public RenderedPicture Render(StatsCard card)
    {
        using var surface = Draw(card);
        var height = (int)Layout(card).Height;
        return new RenderedPicture(Drawing.EncodePng(surface, Png), Width, height);
    }

    /// <summary>The card drawn on a surface of its own, not yet encoded (the benchmarks time the two apart).</summary>
    internal SKSurface Draw(StatsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var layout = Layout(card);
        var surface = Drawing.Surface(Width, (int)layout.Height);
        try
        {
            var canvas = surface.Canvas;
            using var text = new CanvasText(canvas, fonts);
            Drawing.Card(canvas, Width, layout.Height);
            text.Draw(card.DisplayName, Pad, Pad + 22, 22, Palette.Text, bold: true, maxWidth: Inner);
            DrawTiles(canvas, text, card, layout.Tiles);
            DrawTopics(canvas, text, card, layout.Topics);
            DrawDays(canvas, text, card, layout.Days);
            DrawDue(canvas, text, card, layout.Due);
            DrawCards(canvas, text, card, layout.Cards);
            canvas.Flush();
            return surface;
        }
        catch
        {
            surface.Dispose();
            throw;
        }
    }

    /// <summary>Where each part of the card goes (chart areas, without their titles); its height follows the topic count.</summary>
    public static StatsCardLayout Layout(StatsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var y = Pad + 34;
        var tiles = new SKRect(Pad, y, Width - Pad, y + 54);
        y = tiles.Bottom + SectionGap + SectionTitle;
        var topics = new SKRect(Pad, y, Width - Pad, y + (TopicRow * Math.Max(1, Math.Min(MaxTopics, card.Topics.Count))));
        y = topics.Bottom + SectionGap + SectionTitle;
        var days = new SKRect(Pad, y, Width - Pad, y + DailyChartHeight);
        y = days.Bottom + AxisLabels + SectionGap + SectionTitle;
        var due = new SKRect(Pad, y, Width - Pad, y + DueChartHeight);
        y = due.Bottom + AxisLabels + SectionGap + SectionTitle;
        var cards = new SKRect(Pad, y, Width - Pad, y + 16);
        return new StatsCardLayout(tiles, topics, days, due, cards, cards.Bottom + 22 + Pad);
    }

    private static void DrawTiles(SKCanvas canvas, CanvasText text, StatsCard card, SKRect area)
    {
        var accuracy = card.Answered == 0 ? "—" : Percent(card.Correct, card.Answered);
        (string Value, string Label)[] tiles =
        [
            (Number(card.Points), "points"),
            (card.Rank is { } rank ? $"#{Number(rank)}" : "—", card.Rank is null ? "not ranked yet" : "rank"),
            (accuracy, $"{Number(card.Correct)}/{Number(card.Answered)} right"),
            ($"{Number(card.BestStreak)} · {Number(card.DayStreak)}d", "best · day streak"),
        ];
        const float gap = 8;
        var width = (area.Width - (gap * (tiles.Length - 1))) / tiles.Length;
        for (var i = 0; i < tiles.Length; i++)
        {
            var left = area.Left + (i * (width + gap));
            using var paint = new SKPaint { Color = Palette.Tile, IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(left, area.Top, left + width, area.Bottom), 8, 8, paint);
            var middle = left + (width / 2);
            text.Draw(tiles[i].Value, middle, area.Top + 26, 18, Palette.Text, bold: true, align: SKTextAlign.Center, maxWidth: width - 8);
            text.Draw(tiles[i].Label, middle, area.Top + 44, 11, Palette.MutedText, align: SKTextAlign.Center, maxWidth: width - 8);
        }
    }

    private static void DrawTopics(SKCanvas canvas, CanvasText text, StatsCard card, SKRect area)
    {
        Drawing.SectionTitle(text, "Accuracy by topic", area);
        if (card.Topics.Count == 0)
        {
            text.Draw("No answers yet — start with /quiz.", area.Left, area.Top + 15, 13, Palette.MutedText);
            return;
        }

        const float labelWidth = 150;
        const float valueWidth = 92;
        var shown = card.Topics
            .OrderByDescending(t => t.Answered)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Take(MaxTopics)
            .ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var topic = shown[i];
            var top = area.Top + (i * TopicRow);
            text.Draw(topic.Name, area.Left, top + 14, 12, Palette.Text, maxWidth: labelWidth - 8);
            var track = new SKRect(area.Left + labelWidth, top + 4, area.Right - valueWidth, top + 16);
            var ratio = topic.Answered == 0 ? 0 : (float)topic.Correct / topic.Answered;
            Drawing.Bar(canvas, track, Palette.Track);
            if (ratio > 0)
            {
                Drawing.Bar(canvas, new SKRect(track.Left, track.Top, track.Left + Math.Max(4, track.Width * ratio), track.Bottom), Palette.TopicBar);
            }

            text.Draw($"{Percent(topic.Correct, topic.Answered)} ({Number(topic.Correct)}/{Number(topic.Answered)})", area.Right, top + 14, 12, Palette.MutedText, align: SKTextAlign.Right);
        }
    }

    private static void DrawDays(SKCanvas canvas, CanvasText text, StatsCard card, SKRect area)
    {
        var total = card.Days.Sum(d => d.Answered);
        Drawing.SectionTitle(text, $"Last {card.Days.Count} days · {Number(total)} answers", area);
        Drawing.Legend(text, canvas, area, [("right", Palette.Right), ("wrong", Palette.Wrong)]);
        Drawing.Baseline(canvas, area);
        if (card.Days.Count == 0)
        {
            return;
        }

        var max = Math.Max(1, card.Days.Max(d => d.Answered));
        var slot = area.Width / card.Days.Count;
        for (var i = 0; i < card.Days.Count; i++)
        {
            var day = card.Days[i];
            if (day.Answered == 0)
            {
                continue;
            }

            var left = area.Left + (i * slot) + 1.5f;
            var right = left + slot - 3;
            var height = area.Height * day.Answered / max;
            var rightPart = area.Height * Math.Min(day.Correct, day.Answered) / max;
            Drawing.Rect(canvas, new SKRect(left, area.Bottom - height, right, area.Bottom - rightPart), Palette.Wrong);
            Drawing.Rect(canvas, new SKRect(left, area.Bottom - rightPart, right, area.Bottom), Palette.Right);
        }

        var labels = area.Bottom + 13;
        text.Draw(card.Days[0].Day.ToString("d MMM", CultureInfo.InvariantCulture), area.Left, labels, 11, Palette.MutedText);
        text.Draw("today", area.Right, labels, 11, Palette.MutedText, align: SKTextAlign.Right);
        text.Draw($"max {Number(max)}/day", area.MidX, labels, 11, Palette.MutedText, align: SKTextAlign.Center);
    }

    private static void DrawDue(SKCanvas canvas, CanvasText text, StatsCard card, SKRect area)
    {
        var total = card.DueByDay.Sum();
        Drawing.SectionTitle(text, $"Cards due · next {card.DueByDay.Count} days · {Number(total)} cards", area);
        Drawing.Baseline(canvas, area);
        if (card.DueByDay.Count == 0)
        {
            return;
        }

        var max = Math.Max(1, card.DueByDay.Max());
        var slot = area.Width / card.DueByDay.Count;
        for (var i = 0; i < card.DueByDay.Count; i++)
        {
            var left = area.Left + (i * slot) + 3;
            var right = left + slot - 6;
            var count = card.DueByDay[i];
            if (count > 0)
            {
                var top = area.Bottom - Math.Max(2, (area.Height - 14) * count / max);
                Drawing.Rect(canvas, new SKRect(left, top, right, area.Bottom), Palette.Due);
                text.Draw(Number(count), (left + right) / 2, top - 3, 10, Palette.Text, align: SKTextAlign.Center);
            }

            var label = i == 0 ? "today" : $"+{i}";
            if (i == 0 || i % 2 == 0)
            {
                text.Draw(label, (left + right) / 2, area.Bottom + 13, 10, Palette.MutedText, align: SKTextAlign.Center);
            }
        }
    }

    private static void DrawCards(SKCanvas canvas, CanvasText text, StatsCard card, SKRect area)
    {
        var total = card.CardsLearned + card.CardsLearning + card.CardsNew;
        Drawing.SectionTitle(text, $"Flashcards · {Number(total)}", area);
        Drawing.Bar(canvas, area, Palette.Track);
        (int Count, SKColor Color, string Label)[] parts =
        [
            (card.CardsLearned, Palette.Learned, "learned"),
            (card.CardsLearning, Palette.Learning, "learning"),
            (card.CardsNew, Palette.New, "new"),
        ];
        if (total > 0)
        {
            var left = area.Left;
            foreach (var (count, color, _) in parts.Where(p => p.Count > 0))
            {
                var width = Math.Max(3, area.Width * count / total);
                Drawing.Rect(canvas, new SKRect(left, area.Top, Math.Min(area.Right, left + width), area.Bottom), color);
                left += width;
            }
        }

        var x = area.Left;
        foreach (var (count, color, label) in parts)
        {
            Drawing.Rect(canvas, new SKRect(x, area.Bottom + 8, x + 10, area.Bottom + 18), color);
            var caption = $"{Number(count)} {label}";
            text.Draw(caption, x + 14, area.Bottom + 18, 12, Palette.Text);
            x += 14 + text.Measure(caption, 12) + 18;
        }
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) =>
        whole == 0 ? "—" : ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}

/// <summary>The stats card's regions in pixels: tiles, topic bars, daily chart, due chart, card bar; and its height.</summary>
public sealed record StatsCardLayout(SKRect Tiles, SKRect Topics, SKRect Days, SKRect Due, SKRect Cards, float Height);
