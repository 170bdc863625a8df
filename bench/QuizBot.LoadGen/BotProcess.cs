using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QuizBot.LoadGen;

/// <summary>
/// The bot as it runs in production: its own process (`dotnet quizbot.dll run`, the build copied next to this
/// generator, or the published folder given with --bot-build), in HTTP mode on a free loopback port, with a fresh key and a fresh SQLite file in a temp folder.
/// Start → ready is timed from starting the process to the first 200 of /healthz/ready. Stopped with SIGTERM, so
/// the bot drains and closes its database as it would on a deploy.
/// </summary>
internal sealed class BotProcess : BotUnderTest
{
    public const string EntryFileName = "quizbot.dll";
    private const int KeptOutputLines = 20;

    /// <summary>The Dockerfile's runtime variables (not the bot's settings): glibc's one malloc arena, workstation GC.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ImageEnvironment = new Dictionary<string, string>
    {
        ["MALLOC_ARENA_MAX"] = "1",
        ["DOTNET_gcServer"] = "0",
    };
    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(25);

    private readonly Process process;
    private readonly DirectoryInfo folder;
    private readonly Queue<string> output;

    private BotProcess(Process process, DirectoryInfo folder, Queue<string> output, Uri interactionsUrl, AnswerStore store, TimeSpan startToReady)
    {
        this.process = process;
        this.folder = folder;
        this.output = output;
        InteractionsUrls = [interactionsUrl];
        Store = store;
        StartToReady = startToReady;
    }

    public override IReadOnlyList<Uri> InteractionsUrls { get; }

    public override AnswerStore Store { get; }

    public override bool DeliversToSink => true;

    public override TimeSpan? StartToReady { get; }

    /// <summary>How the bot process ended once stopped: 0 after a clean shutdown on SIGTERM.</summary>
    public int? ExitCode { get; private set; }

    public override string Description => $"{InteractionsUrls[0]} (bot process {process.Id})";

    /// <summary>What the bot printed (warnings and errors only: it logs at Warning), the last lines.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    public static async Task<(BotProcess? Bot, string Error)> StartAsync(string publicKeyHex, Uri restBaseUrl, IReadOnlyDictionary<string, string> extra, TimeProvider time, string? build = null)
    {
        var entry = Path.GetFullPath(Path.Combine(build ?? AppContext.BaseDirectory, EntryFileName));
        if (!File.Exists(entry))
        {
            return (null, $"the bot's build is not next to the generator ({entry}); build bench/QuizBot.LoadGen again");
        }

        var folder = Directory.CreateTempSubdirectory("quizbot-loadgen-");
        var databasePath = Path.Combine(folder.FullName, "bot.db");
        var port = UnusedLoopbackPort();
        var origin = new Uri($"http://127.0.0.1:{port}");

        // The temp folder as working directory: no ./content there, so the bot loads the decks copied next to it.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(entry);
        start.ArgumentList.Add("run");

        // The process environment the Docker image gives the bot (Dockerfile ENV), so memory is measured as deployed.
        foreach (var (key, value) in ImageEnvironment)
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in Settings(publicKeyHex, origin.AbsoluteUri.TrimEnd('/'), databasePath, restBaseUrl, extra))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new Queue<string>();
        var started = time.GetTimestamp();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri(origin, "/healthz/ready");
        while (time.GetElapsedTime(started) < ReadyPatience)
        {
            if (process.HasExited)
            {
                var said = string.Join(" | ", output);
                TempFolder.Delete(folder);
                return (null, $"it exited with code {process.ExitCode} before it was ready: {said}");
            }

            if (await IsReadyAsync(http, ready))
            {
                var startToReady = time.GetElapsedTime(started);
                return (new BotProcess(process, folder, output, new Uri(origin, "/interactions"), StoreOf(databasePath, extra), startToReady), "");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), time);
        }

        process.Kill();
        await process.WaitForExitAsync();
        TempFolder.Delete(folder);
        return (null, $"it was not ready within {ReadyPatience.TotalSeconds:0} s");
    }

    public override int? ProcessId => process.Id;

    public override (long Bytes, string Of)? ResidentMemory() =>
        LoadGen.ResidentMemory.OfProcess(process.Id) is { } bytes ? (bytes, $"bot process {process.Id}") : null;

    public override async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await TerminateAsync(process.Id);
            using var patience = new CancellationTokenSource(StopPatience);
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        ExitCode = process.ExitCode;
        process.Dispose();
        TempFolder.Delete(folder);
    }

    /// <summary>SIGTERM through kill(1); without it the bot is killed below once patience runs out.</summary>
    private static async Task TerminateAsync(int processId)
    {
        try
        {
            using var term = Process.Start("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1) on this machine.
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, Uri ready)
    {
        try
        {
            using var response = await http.GetAsync(ready);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static void Keep(Queue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    // Bound and released at once for the bot to take; another process taking it in between would fail the start loudly.
    internal static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
