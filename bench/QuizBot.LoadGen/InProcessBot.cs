using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Hosting;

namespace QuizBot.LoadGen;

/// <summary>
/// The real bot inside this process, built by <see cref="BotHost.Prepare"/> as `quizbot run` builds it, in HTTP mode
/// on a free loopback port with a fresh SQLite file in a temp folder (--in-process). The generator's own work then
/// shares the bot's runtime, so the separate process is the default.
/// </summary>
internal sealed class InProcessBot : BotUnderTest
{
    private readonly WebApplication app;
    private readonly DirectoryInfo folder;

    private InProcessBot(WebApplication app, DirectoryInfo folder, Uri interactionsUrl, AnswerStore store)
    {
        this.app = app;
        this.folder = folder;
        InteractionsUrls = [interactionsUrl];
        Store = store;
    }

    public override IReadOnlyList<Uri> InteractionsUrls { get; }

    public override AnswerStore Store { get; }

    public override bool DeliversToSink => true;

    public override string Description => $"{InteractionsUrls[0]} (in-process bot)";

    /// <summary>Starts the bot trusting <paramref name="publicKeyHex"/>; null and the reason when it cannot start.</summary>
    public static async Task<(InProcessBot? Bot, string Error)> StartAsync(string publicKeyHex, Uri restBaseUrl, IReadOnlyDictionary<string, string> extra)
    {
        var folder = Directory.CreateTempSubdirectory("quizbot-loadgen-");
        var databasePath = Path.Combine(folder.FullName, "bot.db");
        var start = BotHost.Prepare([], Settings(publicKeyHex, "http://127.0.0.1:0", databasePath, restBaseUrl, extra));
        if (start.App is null)
        {
            folder.Delete(recursive: true);
            return (null, start.Error);
        }

        await start.App.StartAsync();
        var address = start.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (new InProcessBot(start.App, folder, new Uri(new Uri(address), "/interactions"), StoreOf(databasePath, extra)), "");
    }

    public override (long Bytes, string Of)? ResidentMemory() =>
        LoadGen.ResidentMemory.OfProcess(Environment.ProcessId) is { } bytes ? (bytes, "generator and bot together (in-process)") : null;

    public override async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(folder);
    }
}

/// <summary>Removes a run's temp folder; one left behind is harmless, so a failure does not change the run's result.</summary>
internal static class TempFolder
{
    public static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The run's result stands.
        }
        catch (UnauthorizedAccessException)
        {
            // The run's result stands.
        }
    }
}
