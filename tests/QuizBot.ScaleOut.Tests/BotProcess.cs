using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using QuizBot.Discord.Gateway;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// One real bot instance: the built <c>quizbot.dll</c> in a child process, configured through environment variables
/// as an operator would, serving HTTP interactions on its own loopback port. <see cref="Kill"/> is SIGKILL (no
/// draining, no lease release); <see cref="StartAsync"/> after a kill starts a new process on the same port and
/// settings. Disposing kills whatever still runs, so a failing test leaves no process behind. Tests wait on what a
/// process says (<see cref="UntilAsync"/>: a condition checked at every line it writes), never on time.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly string BotDll = Path.Combine(AppContext.BaseDirectory, "quizbot.dll");

    /// <summary>
    /// Upper bound on waiting for something a process is to say (its start, a post): only a broken process takes this
    /// long. A start takes seconds on a quiet machine and has taken more than 90 s at a load average of 70.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(60) };

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
    private TaskCompletionSource ready = NewSignal();

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

    /// <summary>Completes when the process now starting (or the next one, after a kill) is ready.</summary>
    public Task Ready => Volatile.Read(ref ready).Task;

    /// <summary>Raised after each line any process under this name writes.</summary>
    private event Action? LineWritten;

    /// <summary>How many lines, over every process under this name, contain <paramref name="text"/>.</summary>
    public int Count(string text) => output.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// Completes once <paramref name="condition"/> holds: checked now and again at every line any of
    /// <paramref name="processes"/> writes, so the test waits for what the processes say, not for time.
    /// <see cref="Patience"/> bounds the wait; the failure names <paramref name="what"/> and ends with their last lines.
    /// </summary>
    public static async Task UntilAsync(string what, Func<bool> condition, params IReadOnlyList<BotProcess> processes)
    {
        var met = NewSignal();
        void Check()
        {
            try
            {
                if (condition())
                {
                    met.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                met.TrySetException(exception);
            }
        }

        foreach (var process in processes)
        {
            process.LineWritten += Check;
        }

        try
        {
            Check();
            await met.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Gave up after {Patience.TotalSeconds:0} s waiting for {what}:{Environment.NewLine}{string.Join(Environment.NewLine, processes.Select(p => p.Tail(15)))}");
        }
        finally
        {
            foreach (var process in processes)
            {
                process.LineWritten -= Check;
            }
        }
    }

    /// <summary>Completes once the process running now has written a line containing <paramref name="text"/>.</summary>
    public Task SaidAsync(string text, string what)
    {
        var life = LifePrefix(Starts);
        return UntilAsync($"{Name} to say \"{text}\" ({what})", () => output.Any(line => line.StartsWith(life, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal)), this);
    }

    /// <summary>
    /// Starts the process and returns once it is ready: it said so in its log (the host started; in gateway mode, READY
    /// on each of its shards), and <c>/healthz/ready</c> then agrees with 200.
    /// </summary>
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

        // The lines that say it is ready (a test's settings may still lower them, and then waits for its bound).
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__QuizBot.Discord.Gateway"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"{Name} could not be started.");
        Running[started] = true;
        Starts++;
        var life = Starts;
        started.OutputDataReceived += (_, e) => Keep(life, e.Data);
        started.ErrorDataReceived += (_, e) => Keep(life, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitReadyAsync(started);
        Volatile.Read(ref ready).TrySetResult();
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything it was doing.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        // Not ready from before the kill on: a request refused by the dead process waits for the next start.
        if (ready.Task.IsCompleted)
        {
            Volatile.Write(ref ready, NewSignal());
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
        var life = LifePrefix(Starts);
        var signals = ReadySignals();
        var said = UntilAsync(
            $"{Name} to say it is ready ({string.Join(", ", signals.Select(s => $"\"{s}\""))})",
            () => signals.All(signal => output.Any(line => line.StartsWith(life, StringComparison.Ordinal) && line.Contains(signal, StringComparison.Ordinal))),
            this);
        if (await Task.WhenAny(said, started.WaitForExitAsync()) != said)
        {
            throw new InvalidOperationException($"{Name} exited with code {started.ExitCode} before it was ready:{Environment.NewLine}{Tail()}");
        }

        await said;
        using var reply = await Probe.GetAsync(new Uri(BaseUrl, "/healthz/ready"));
        if (reply.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{Name} said it was ready but /healthz/ready answered {(int)reply.StatusCode}: {await reply.Content.ReadAsStringAsync()}{Environment.NewLine}{Tail()}");
        }
    }

    /// <summary>What the bot logs as it becomes ready: the host started (Kestrel serving), and in gateway mode READY on each shard it runs.</summary>
    private List<string> ReadySignals()
    {
        List<string> signals = ["Microsoft.Hosting.Lifetime: Application started"];
        if (settings.GetValueOrDefault("Discord:Mode") == "gateway")
        {
            var count = int.Parse(settings.GetValueOrDefault("Discord:ShardCount", "1"), CultureInfo.InvariantCulture);
            if (!ShardIdList.TryParse(settings.GetValueOrDefault("Discord:ShardIds"), count, out var shards, out var error))
            {
                throw new InvalidOperationException($"{Name}: Discord:ShardIds: {error}");
            }

            signals.AddRange(shards.Select(shard => $"Gateway READY on shard {shard} of {count}"));
        }

        return signals;
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 30) => string.Join(Environment.NewLine, output.TakeLast(lines));

    private void Keep(int life, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(LifePrefix(life) + line);
            LineWritten?.Invoke();
        }
    }

    private string LifePrefix(int life) => $"[{Name}#{life.ToString(CultureInfo.InvariantCulture)}] ";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
