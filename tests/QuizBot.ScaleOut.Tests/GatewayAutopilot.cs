using System.Collections.Concurrent;
using System.Globalization;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// Plays Discord's gateway for real bot processes on a <see cref="GatewaySimulator"/>: Hello on every connection, READY
/// (session "session-{shard}") for an IDENTIFY, RESUMED for a RESUME. The first <c>helloTogether</c> connections get
/// their Hello at the same moment, once all have connected, so shards of different processes would identify in the
/// same instant unless something paces them. Resumes can be held, to keep a dropped shard away for a while.
/// </summary>
internal sealed class GatewayAutopilot : IAsyncDisposable
{
    private static readonly TimeSpan Patience = BotProcess.Patience;

    private readonly GatewaySimulator gateway;
    private readonly int helloTogether;
    private readonly TaskCompletionSource allConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentBag<Task> served = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private TaskCompletionSource resumesAllowed = CompletedSource();
    private TaskCompletionSource resumeHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int connected;

    public GatewayAutopilot(GatewaySimulator gateway, int helloTogether)
    {
        this.gateway = gateway;
        this.helloTogether = helloTogether;
        accepting = AcceptAsync();
    }

    /// <summary>Connections whose RESUME was answered with RESUMED.</summary>
    public ConcurrentQueue<GatewayConnection> Resumed { get; } = new();

    /// <summary>Resumes wait (after connecting, before Hello) until <see cref="AllowResumes"/>.</summary>
    public void HoldResumes()
    {
        resumeHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resumesAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when a resume is being held: a shard has reconnected to resume, so its process knows it was dropped.</summary>
    public Task ResumeHeld => resumeHeld.Task;

    public void AllowResumes() => resumesAllowed.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        AllowResumes();
        await stop.CancelAsync();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            GatewayConnection connection;
            try
            {
                connection = await gateway.NextConnectionAsync(Timeout.InfiniteTimeSpan).WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            served.Add(ServeAsync(connection));
        }
    }

    private async Task ServeAsync(GatewayConnection connection)
    {
        if (Interlocked.Increment(ref connected) == helloTogether)
        {
            allConnected.TrySetResult();
        }

        try
        {
            var resuming = connection.Path == "/resume";
            if (resuming && !resumesAllowed.Task.IsCompleted)
            {
                resumeHeld.TrySetResult();
            }

            await (resuming ? resumesAllowed.Task : allConnected.Task).WaitAsync(stop.Token);
            await connection.SendHelloAsync(45_000);
            if (resuming)
            {
                await connection.ReceiveAsync(6, Patience);
                await connection.SendResumedAsync();
                Resumed.Enqueue(connection);
            }
            else
            {
                await connection.ReceiveAsync(2, Patience);
                await connection.SendReadyAsync($"session-{connection.ShardId}", applicationId: TestUser.Application.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or System.Net.WebSockets.WebSocketException)
        {
            // The test ended or the process went away: what the test asserts says what was missing.
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
