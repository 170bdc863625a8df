using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// One real bot instance: the built <c>quizbot.dll</c> in a child process, configured through environment variables
/// as an operator would, serving HTTP interactions on its own loopback port. <see cref="Kill"/> is SIGKILL (no
/// draining, no lease release); <see cref="StartAsync"/> after a kill starts a new process on the same port and
/// settings. Disposing kills whatever still runs, so a failing test leaves no process behind.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly string BotDll = Path.Combine(AppContext.BaseDirectory, "quizbot.dll");
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    // Started and not yet killed: if the test process itself goes down, they go with it.
    private static readonly ConcurrentDictionary<Process, bool> Running = new();

    static BotProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    };

    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public BotProcess(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        this.settings = settings;
        Port = FreeLoopbackPort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public Uri InteractionsUrl => new(BaseUrl, "/interactions");

    /// <summary>How many processes were started under this name (1 + restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>Every line the processes under this name wrote, for failure messages and log counts.</summary>
    public IReadOnlyList<string> Output => [.. output];

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the process and returns once it answers <c>/healthz/ready</c> with 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(BotDll);
        start.Environment["Http__Urls"] = BaseUrl.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        // Less JIT work at start: these processes are restarted many times on a busy machine.
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"{Name} could not be started.");
        Running[started] = true;
        Starts++;
        var life = Starts.ToString(CultureInfo.InvariantCulture);
        started.OutputDataReceived += (_, e) => Keep(life, e.Data);
        started.ErrorDataReceived += (_, e) => Keep(life, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitReadyAsync(started);
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything it was doing.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        Running.TryRemove(process, out _);
        process.Dispose();
        process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Name} ({BaseUrl})";

    private async Task WaitReadyAsync(Process started)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyDeadline)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {started.ExitCode} before it was ready:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var reply = await Probe.GetAsync(new Uri(BaseUrl, "/healthz/ready"));
                if (reply.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{Name} was not ready within {ReadyDeadline.TotalSeconds} s:{Environment.NewLine}{Tail()}");
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 30) => string.Join(Environment.NewLine, output.TakeLast(lines));

    private void Keep(string life, string? line)
    {
        if (line is not null)
        {
            output.Enqueue($"[{Name}#{life}] {line}");
        }
    }

    // The test host runs under `dotnet`; a child started through the same host needs no PATH lookup.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
