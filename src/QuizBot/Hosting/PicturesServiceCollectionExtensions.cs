using Microsoft.Extensions.DependencyInjection;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Hosting;

public static class PicturesServiceCollectionExtensions
{
    /// <summary>
    /// Pictures that may wait per drawing thread. A waiting picture holds only its data and its reply (a few KB: 128 are
    /// well under a megabyte); the PNG exists once drawn. At about 3 ms of CPU a card, 128 are 0.4 s of one core, so
    /// a burst of members finishing quizzes together waits instead of being refused (16 refused 64 of 598 at 500/s);
    /// a queue the threads cannot keep up with is bounded in time by <see cref="ProgressPictures.MaxWait"/>.
    /// </summary>
    public const int QueuePerWorker = 128;

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
