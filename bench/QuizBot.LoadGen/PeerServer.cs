using System.Diagnostics;
using System.Net.Sockets;

namespace QuizBot.LoadGen;

/// <summary>
/// The reference peer for the PING figure: a few lines of Express around the `discord-interactions` npm package's
/// verifyKeyMiddleware (bench/peer/server.js, packages installed by bench/peer/install.sh), answering PING with PONG
/// on a loopback port, trusting the same public key as the bot.
/// </summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(30);
    private readonly Process process;

    private PeerServer(Process process, Uri interactionsUrl)
    {
        this.process = process;
        InteractionsUrl = interactionsUrl;
    }

    public Uri InteractionsUrl { get; }

    /// <summary>The node process, whose CPU time the peer's phase measures.</summary>
    public int ProcessId => process.Id;

    public static async Task<(PeerServer? Peer, string Error)> StartAsync(string publicKeyHex, TimeProvider time)
    {
        if (FindScript() is not { } script)
        {
            return (null, "bench/peer/server.js not found above the working directory or the generator");
        }

        var folder = Path.GetDirectoryName(script)!;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "discord-interactions")))
        {
            return (null, $"the peer's packages are not installed: run bash {Path.Combine(folder, "install.sh")}");
        }

        var port = BotProcess.UnusedLoopbackPort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.Environment["PUBLIC_KEY"] = publicKeyHex;
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // As Express's production guide says to deploy it. Express 5 reads it only for error pages and view caching,
        // so a PING costs the same either way (bench/STAGES.md, "PING path (ping)"); set so nobody need wonder.
        start.Environment["NODE_ENV"] = "production";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (null, $"node could not be started ({exception.Message}); install Node.js 18 or later");
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < ReadyPatience && !process.HasExited)
        {
            if (await AcceptsAsync(port))
            {
                return (new PeerServer(process, new Uri($"http://127.0.0.1:{port}/interactions")), "");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time);
        }

        var code = process.HasExited ? $"exited with code {process.ExitCode}" : "did not listen in time";
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        return (null, $"the peer server {code}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var script = Path.Combine(folder.FullName, "bench", "peer", "server.js");
                if (File.Exists(script))
                {
                    return script;
                }
            }
        }

        return null;
    }
}
