using BenchmarkDotNet.Attributes;
using QuizBot.Pictures;

namespace QuizBot.Benchmarks;

/// <summary>
/// Drawing and PNG-encoding one /stats progress card (the README's sample player: 8 topics, 30 days, 14 days
/// of cards due) and one leaderboard podium, as the bot does on a cache miss. Target: under 50 ms per card.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PictureBenchmarks
{
    private readonly StatsCardRenderer stats = new();
    private readonly PodiumRenderer podium = new();

    [Benchmark]
    public int StatsCard() => stats.Render(PictureSamples.StatsCard).Png.Length;

    [Benchmark]
    public int Podium() => podium.Render(PictureSamples.Podium).Png.Length;
}
