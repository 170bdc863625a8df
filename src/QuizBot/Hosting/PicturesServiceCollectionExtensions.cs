using Microsoft.Extensions.DependencyInjection;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Hosting;

public static class PicturesServiceCollectionExtensions
{
    /// <summary>
    /// Pictures that may wait per drawing thread. A waiting picture holds only its data and its reply (a few KB: 256 are
    /// about a megabyte); its PNG exists only once drawn. At about 3 ms of CPU a card, 256 are under a second of one
    /// core: a burst of members finishing quizzes together (the load tool's 200 members start in step) waits instead of
    /// being refused, as 16 per thread refused 64 of 598 pictures at 500/s; a queue the threads cannot keep up with is
    /// bounded in time by <see cref="ProgressPictures.MaxWait"/> (bench/STAGES.md, "Pictures, second pass").
    /// </summary>
    public const int QueuePerWorker = 256;

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
