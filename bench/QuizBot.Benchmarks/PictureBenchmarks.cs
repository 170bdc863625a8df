using BenchmarkDotNet.Attributes;
using QuizBot.Pictures;

namespace QuizBot.Benchmarks;

/// <summary>
/// Drawing and PNG-encoding one /stats progress card (the README's sample player: 8 topics, 30 days, 14 days
/// of cards due) and one leaderboard podium, as the bot's drawing thread does on a cache miss, at two zlib levels
/// in one run (A/B: the level the bot used before and the one it uses now). Target: under 50 ms per card.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PictureBenchmarks
{
    private StatsCardRenderer stats = new();
    private PodiumRenderer podium = new();

    [Params(3, 1)]
    public int ZlibLevel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        stats = new StatsCardRenderer { Png = new PngSettings(SkiaSharp.SKPngEncoderFilterFlags.Sub, ZlibLevel) };
        podium = new PodiumRenderer { Png = new PngSettings(SkiaSharp.SKPngEncoderFilterFlags.Sub, ZlibLevel) };
    }

    [Benchmark]
    public int StatsCard() => stats.Render(PictureSamples.StatsCard).Png.Length;

    [Benchmark]
    public int Podium() => podium.Render(PictureSamples.Podium).Png.Length;
}
