using Microsoft.Extensions.DependencyInjection;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Hosting;

public static class PicturesServiceCollectionExtensions
{
    /// <summary>The stats card and podium renderers behind one bounded, cached service.</summary>
    public static IServiceCollection AddProgressPictures(this IServiceCollection services)
    {
        services.AddSingleton(_ => new ProgressPictures(
            new StatsCardRenderer(PictureFonts.Shared),
            new PodiumRenderer(PictureFonts.Shared),
            maxConcurrentRenders: Math.Max(1, Environment.ProcessorCount / 2)));
        return services;
    }
}
