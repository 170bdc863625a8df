using System.Globalization;
using QuizBot.Pictures;
using SkiaSharp;

namespace QuizBot.Benchmarks;

/// <summary>
/// The CPU one picture costs its drawing thread, by step: drawing the sample stats card and podium, and encoding the
/// drawn pixels as PNG with several filter and zlib settings (the PNG's size beside each). Thread CPU time, not wall
/// time, so a loaded machine still gives comparable figures; rounds after a warm-up, the median and every round printed.
/// <c>dotnet run -c Release --project bench/QuizBot.Benchmarks -- cpu-per-picture [pictures per round]</c>
/// </summary>
internal static class CpuPerPicture
{
    private const int Rounds = 5;

    private static readonly PngSettings[] Encodings =
    [
        PngSettings.SubLevel3,
        new(SKPngEncoderFilterFlags.Sub, 1),
        new(SKPngEncoderFilterFlags.Up, 1),
        new(SKPngEncoderFilterFlags.NoFilters, 1),
        new(SKPngEncoderFilterFlags.Paeth, 1),
        new(SKPngEncoderFilterFlags.Sub, 6),
    ];

    public static int Run(IReadOnlyList<string> args)
    {
        var pictures = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var stats = new StatsCardRenderer();
        var podium = new PodiumRenderer();
        Console.WriteLine($"{pictures} pictures per round, {Rounds} rounds, thread CPU µs per picture (median; rounds)");
        Steps("stats card", () => stats.Draw(PictureSamples.StatsCard), card => stats.Render(card), PictureSamples.StatsCard, pictures);
        Steps("podium", () => podium.Draw(PictureSamples.Podium), board => podium.Render(board), PictureSamples.Podium, pictures);
        return 0;
    }

    private static void Steps<T>(string name, Func<SKSurface> draw, Func<T, RenderedPicture> render, T sample, int pictures)
    {
        Report($"{name}: draw", pictures, () => draw().Dispose());
        using var drawn = draw();
        foreach (var settings in Encodings)
        {
            var size = Drawing.EncodePng(drawn, settings).Length;
            Report($"{name}: encode {settings.Filter}/{settings.ZlibLevel} ({size / 1024.0:F1} KB)", pictures, () => Drawing.EncodePng(drawn, settings));
        }

        Report($"{name}: whole render (default {PngSettings.Default.Filter}/{PngSettings.Default.ZlibLevel})", pictures, () => render(sample));
    }

    private static void Report(string step, int pictures, Action once)
    {
        for (var i = 0; i < pictures; i++)
        {
            once();
        }

        var rounds = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = ThreadCpu.Now();
            for (var i = 0; i < pictures; i++)
            {
                once();
            }

            rounds.Add((ThreadCpu.Now() - before).TotalMicroseconds / pictures);
        }

        var median = rounds.Order().ElementAt(Rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step}: {median:F0} µs ({string.Join(", ", rounds.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})"));
    }
}
