using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuizBot.Core.Decks;
using QuizBot.Discord;

namespace QuizBot.Hosting;

/// <summary>The outcome of preparing the bot: a built host ready to run, or the one line saying why not.</summary>
public sealed record BotStart(WebApplication? App, BotSettings? Settings, string Error, int ExitCode);

/// <summary>
/// Builds the bot's host: configuration (appsettings.json, user secrets, environment, command line, then any
/// overrides), settings checked before anything starts, decks loaded and validated, the database opened and
/// migrated, Kestrel on Http:Urls with GET /healthz (and POST /interactions in HTTP mode).
/// `quizbot run` and the end-to-end tests both start the bot through here.
/// </summary>
public static class BotHost
{
    public const int ConfigurationErrorExitCode = ExitCodes.Usage;

    /// <summary>The host's own switch for watching its configuration files (read from the command line at build time).</summary>
    private const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    public static BotStart Prepare(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null, Action<WebApplicationBuilder>? customize = null)
    {
        // Settings are read once, at start. Reloading appsettings.json on change would keep a recursive watcher on the
        // working folder, which handles an event for every write SQLite makes when the database lives there: a tenth
        // of the bot's CPU under load (bench/STAGES.md, "Configuration watcher").
        string[] hostArgs = [.. args, $"--{ReloadConfigOnChangeKey}=false"];
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = hostArgs, ApplicationName = typeof(BotHost).Assembly.GetName().Name });
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var settings = BotSettings.Read(builder.Configuration, out var error);
        if (settings is null)
        {
            return new BotStart(null, null, error, ConfigurationErrorExitCode);
        }

        var storage = StorageSettings.Read(builder.Configuration, settings.StoragePath, out error);
        if (storage is null)
        {
            return new BotStart(null, settings, error, ConfigurationErrorExitCode);
        }

        if (ShardSettings.Read(builder.Configuration, out error) is null)
        {
            return new BotStart(null, settings, error, ConfigurationErrorExitCode);
        }

        var loaded = DeckLoader.LoadAll(settings.ContentPath);
        if (!loaded.IsValid || loaded.Decks.Count == 0)
        {
            var first = loaded.Problems.FirstOrDefault();
            var detail = first is null ? "no decks found" : $"{loaded.Problems.Count} problem(s), first: {first}";
            return new BotStart(null, settings, $"{BotSettings.ContentPathKey} '{settings.ContentPath}': {detail}. Run `{Cli.CommandName.Current} content check` for the full list.", ConfigurationErrorExitCode);
        }

        builder.WebHost.UseUrls([.. settings.HttpUrls]);
        // No "Server: Kestrel" header on every reply: nothing a client needs, and it names the server to anyone probing.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // A request's bytes and its reply stay on the thread-pool thread the socket's completion was handed to, rather than
        // hopping to Kestrel's own I/O queues on the way in and again on the way out: 4.3-4.7 thread-pool work items per
        // interaction at 500/s became 2.8-2.9, and each hop a thread may have to be woken for, or spin waiting for
        // (bench/STAGES.md, "Open-loop tail, second pass"). The handler still never runs on the sockets' epoll thread:
        // that would take DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, which the image does not set.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        // Kestrel's per-request logs are noise for a bot; the pipeline logs each interaction with its timing.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // ASP.NET Core's hosting logger, enabled at any level, opens a logging scope and starts an Activity for every
        // request (for its "Request starting/finished" lines, which the bot never shows): about 1% of a PING's CPU.
        // Errors in a request are still logged, under Microsoft.AspNetCore.Server.Kestrel.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddConsoleFormatter<OneLineConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.FormatterName = OneLineConsoleFormatter.FormatterName);
        builder.Services.AddQuizBot(settings, loaded.Decks);
        storage.AddTo(builder.Services);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        customize?.Invoke(builder);

        var app = builder.Build();
        if (settings.Mode == DiscordMode.Http)
        {
            app.MapDiscordInteractions();
        }

        app.MapQuizBotHealth();

        // Open and migrate now: a bad path, connection string or a newer schema stops the start here, not on the first interaction.
        if (storage.OpenAtStart(app.Services) is { } storageError)
        {
            return new BotStart(null, settings, storageError, ConfigurationErrorExitCode);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotHost).FullName!);
        LogStarting(logger, settings.Mode, loaded.Decks.Count, loaded.Decks.Sum(d => d.Facts.Count), settings.StoragePath, string.Join(';', settings.HttpUrls), DailyNote(settings));
        return new BotStart(app, settings, "", 0);
    }

    /// <summary>Said once, in the settings summary: the question of the day posts to a channel, which needs the bot token.</summary>
    internal static string DailyNote(BotSettings settings) =>
        settings.Token.Length > 0
            ? "question of the day on"
            : $"question of the day off (it posts with the bot token: set {BotSettings.EnvName(BotSettings.TokenKey)} to enable /quizadmin daily)";

    private static void LogStarting(ILogger logger, DiscordMode mode, int decks, int facts, string storage, string urls, string daily) =>
        logger.LogInformation(
            "Starting QuizBot in {Mode} mode: {Decks} deck(s), {Facts} facts, database {StoragePath}, health on {HttpUrls} (/healthz/live, /healthz/ready), {Daily}",
            mode, decks, facts, storage, urls, daily);
}
