using Microsoft.Extensions.DependencyInjection;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Hosting;

public static class PicturesServiceCollectionExtensions
{
    /// <summary>Pictures waiting per drawing thread: at about 10 ms a card, a full queue is drawn in a fraction of a second.</summary>
    public const int QueuePerWorker = 16;

    /// <summary>
    /// The stats card and podium renderers behind one bounded, cached drawing queue (half the cores draw, at least
    /// one), and, in a host, its part in a graceful stop (<see cref="PictureShutdown"/>).
    /// </summary>
    public static IServiceCollection AddProgressPictures(this IServiceCollection services)
    {
        var workers = Math.Max(1, Environment.ProcessorCount / 2);
        services.AddSingleton(provider => new ProgressPictures(
            new StatsCardRenderer(PictureFonts.Shared),
            new PodiumRenderer(PictureFonts.Shared),
            workers,
            workers * QueuePerWorker,
            provider.GetService<TimeProvider>()));
        services.AddHostedService<PictureShutdown>();
        return services;
    }
}
