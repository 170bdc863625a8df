using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Hosting;

namespace QuizBot.LoadGen;

/// <summary>
/// The real bot, built by <see cref="BotHost.Prepare"/> as `quizbot run` builds it, in HTTP mode on a free loopback
/// port with a fresh SQLite file in a temp folder. Discord's REST API points at a closed loopback port: the measured
/// flows answer in the HTTP reply and never call it.
/// </summary>
internal sealed class InProcessBot : IAsyncDisposable
{
    public const ulong ApplicationId = 4242;

    private readonly WebApplication app;
    private readonly DirectoryInfo folder;

    private InProcessBot(WebApplication app, DirectoryInfo folder, Uri interactionsUrl, string databasePath)
    {
        this.app = app;
        this.folder = folder;
        InteractionsUrl = interactionsUrl;
        DatabasePath = databasePath;
    }

    public Uri InteractionsUrl { get; }

    public string DatabasePath { get; }

    /// <summary>Starts the bot trusting <paramref name="publicKeyHex"/>; null and <paramref name="error"/> when it cannot start.</summary>
    public static async Task<(InProcessBot? Bot, string Error)> StartAsync(string publicKeyHex)
    {
        var folder = Directory.CreateTempSubdirectory("quizbot-loadgen-");
        var databasePath = Path.Combine(folder.FullName, "bot.db");
        var settings = new Dictionary<string, string?>
        {
            [BotSettings.ModeKey] = "http",
            [BotSettings.ApplicationIdKey] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            [BotSettings.PublicKeyKey] = publicKeyHex,
            [BotSettings.HttpUrlsKey] = "http://127.0.0.1:0",
            [BotSettings.StoragePathKey] = databasePath,
            ["Discord:ApiBaseUrl"] = $"http://127.0.0.1:{UnusedLoopbackPort()}/api/v10",
            ["Logging:LogLevel:Default"] = "Warning",

            // Without a bot token the daily poster warns that it is off; expected here, and not about load.
            ["Logging:LogLevel:QuizBot.Daily.DailyQuestionPoster"] = "Error",
        };

        var start = BotHost.Prepare([], settings);
        if (start.App is null)
        {
            folder.Delete(recursive: true);
            return (null, start.Error);
        }

        await start.App.StartAsync();
        var address = start.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (new InProcessBot(start.App, folder, new Uri(new Uri(address), "/interactions"), databasePath), "");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the run's result stands.
        }
    }

    // Bound and released at once: nothing listens there afterwards, so a stray REST call fails fast instead of leaving the machine.
    private static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
