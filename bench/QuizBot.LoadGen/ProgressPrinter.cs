using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>Prints elapsed time, requests and errors every few seconds, so a long run shows it is alive.</summary>
internal static class ProgressPrinter
{
    public static async Task RunAsync(LoadStats stats, TimeProvider time, TimeSpan every, TextWriter output, CancellationToken stop)
    {
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(every, time);
        var lastRequests = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var requests = stats.Requests;
                var rate = (requests - lastRequests) / every.TotalSeconds;
                lastRequests = requests;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {time.GetElapsedTime(started).TotalSeconds,5:0}s  {requests,8} requests  {stats.Errors,5} errors  {rate,7:0}/s now"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
