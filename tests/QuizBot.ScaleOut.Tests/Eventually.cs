using System.Diagnostics;

namespace QuizBot.ScaleOut.Tests;

/// <summary>Waiting on another process: poll what it observably did (a row, a request) until a deadline, never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string what, TimeSpan? timeout = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > (timeout ?? Patience))
            {
                throw new TimeoutException($"Gave up waiting for {what} after {clock.Elapsed.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> check, string what, TimeSpan? timeout = null) =>
        ValueAsync<object>(async () => await check() ? true : null, what, timeout);
}
