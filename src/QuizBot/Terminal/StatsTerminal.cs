using System.Globalization;
using QuizBot.Pictures;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace QuizBot.Terminal;

/// <summary>The stats card as terminal charts: totals, a bar per topic, 30-day sparklines, the cards due and the card phases.</summary>
internal static class StatsTerminal
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static void Write(IAnsiConsole console, StatsCard card)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(card);
        console.Write(new Rule($"[bold]{Markup.Escape(card.DisplayName)}[/]").LeftJustified());
        console.Write(Totals(card));
        console.WriteLine();

        console.MarkupLine("[bold]Accuracy by topic[/]");
        if (card.Topics.Count == 0)
        {
            console.WriteLine("No answers yet — start with `quizbot play`.");
        }
        else
        {
            console.Write(Topics(card));
        }

        console.WriteLine();
        console.MarkupLine($"[bold]Last {card.Days.Count} days[/] ({Number(card.Days.Sum(d => d.Answered))} answers)");
        console.Write(Days(card));
        console.WriteLine();

        console.MarkupLine($"[bold]Cards due, next {card.DueByDay.Count} days[/] ({Number(card.DueByDay.Sum())} cards)");
        console.Write(Due(card));
        console.WriteLine();

        console.MarkupLine("[bold]Flashcards[/]");
        console.Write(new BreakdownChart()
            .AddItem("learned", card.CardsLearned, Colour(Palette.Learned))
            .AddItem("learning", card.CardsLearning, Colour(Palette.Learning))
            .AddItem("new", card.CardsNew, Colour(Palette.New)));
    }

    /// <summary>One block character per value, scaled to the largest (blank for zero).</summary>
    internal static string Sparkline(IReadOnlyList<int> values, int max)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Concat(values.Select(v => v <= 0 || max <= 0 ? ' ' : Blocks[Math.Clamp((int)Math.Ceiling((double)v * Blocks.Length / max) - 1, 0, Blocks.Length - 1)]));
    }

    private static Grid Totals(StatsCard card)
    {
        var grid = new Grid().AddColumns(4);
        grid.AddRow(
            Cell("points", Number(card.Points)),
            Cell("rank", card.Rank is { } rank ? $"#{Number(rank)}" : "not ranked yet"),
            Cell("accuracy", card.Answered == 0 ? "—" : $"{Percent(card.Correct, card.Answered)} ({Number(card.Correct)}/{Number(card.Answered)})"),
            Cell("best · day streak", $"{Number(card.BestStreak)} · {Number(card.DayStreak)}d"));
        return grid;
    }

    private static Markup Cell(string label, string value) => new($"[bold]{Markup.Escape(value)}[/]\n[grey]{Markup.Escape(label)}[/]");

    private static BarChart Topics(StatsCard card)
    {
        var chart = new BarChart().Width(72).WithMaxValue(100);
        foreach (var topic in card.Topics.OrderByDescending(t => t.Answered).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            var percent = topic.Answered == 0 ? 0 : Math.Round(100.0 * topic.Correct / topic.Answered);
            chart.AddItem($"{Markup.Escape(topic.Name)} ({Number(topic.Correct)}/{Number(topic.Answered)})", percent, Colour(Palette.TopicBar));
        }

        return chart;
    }

    private static Grid Days(StatsCard card)
    {
        var max = card.Days.Count == 0 ? 0 : card.Days.Max(d => d.Answered);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap());
        grid.AddRow(new Text("answered"), new Text(Sparkline(card.Days.Select(d => d.Answered).ToList(), max), new Style(Colour(Palette.SkyBlue))));
        grid.AddRow(new Text("right"), new Text(Sparkline(card.Days.Select(d => d.Correct).ToList(), max), new Style(Colour(Palette.Right))));
        if (card.Days.Count > 0)
        {
            var first = card.Days[0].Day.ToString("d MMM", CultureInfo.InvariantCulture);
            grid.AddRow(new Text(""), new Text(first.PadRight(Math.Max(first.Length + 1, card.Days.Count - 5)) + "today", new Style(Color.Grey)));
        }

        return grid;
    }

    /// <summary>One column per coming day (today first), with its count and a bar scaled to the busiest day.</summary>
    private static IRenderable Due(StatsCard card)
    {
        var table = new Table().Border(TableBorder.Simple);
        var max = card.DueByDay.Count == 0 ? 0 : card.DueByDay.Max();
        for (var i = 0; i < card.DueByDay.Count; i++)
        {
            table.AddColumn(new TableColumn(i == 0 ? "today" : $"+{i}").RightAligned());
        }

        table.AddRow(card.DueByDay.Select(count => new Text(Number(count))).ToArray<IRenderable>());
        table.AddRow(card.DueByDay.Select(count => new Text(Sparkline([count], max), new Style(Colour(Palette.Due)))).ToArray<IRenderable>());
        return table;
    }

    private static Color Colour(SkiaSharp.SKColor colour) => new(colour.Red, colour.Green, colour.Blue);

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) => ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
