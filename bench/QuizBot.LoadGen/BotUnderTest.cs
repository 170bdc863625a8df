using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>
/// The bot the members play against: started here as its own process, inside this process, or already running.
/// Says where its interactions endpoints are, where it stores answers (for the check), and what can be measured of it.
/// </summary>
internal abstract class BotUnderTest : IAsyncDisposable
{
    /// <summary>The application id the generator's bots are started with, and that its interactions carry.</summary>
    public const ulong ApplicationId = 4242;

    public abstract IReadOnlyList<Uri> InteractionsUrls { get; }

    /// <summary>Where the answers are, for the stored-answer check; null when not known.</summary>
    public abstract AnswerStore? Store { get; }

    /// <summary>Whether the edits of deferred replies reach this generator's <see cref="RestSink"/>.</summary>
    public abstract bool DeliversToSink { get; }

    /// <summary>From starting the process to the first 200 of /healthz/ready; null when not started here as a process.</summary>
    public virtual TimeSpan? StartToReady => null;

    /// <summary>The bot's resident memory in bytes now, and what it measures; null when it cannot be read.</summary>
    public abstract (long Bytes, string Of)? ResidentMemory();

    /// <summary>The bot's own OS process, whose CPU time a phase measures; null when it is not a process of its own started here.</summary>
    public virtual int? ProcessId => null;

    public abstract string Description { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// The settings every bot started here gets (HTTP mode, the given key, REST pointed at the sink, quiet logs), then
    /// the --bot-setting extras, which win.
    /// </summary>
    protected static Dictionary<string, string?> Settings(string publicKeyHex, string httpUrl, string databasePath, Uri restBaseUrl, IReadOnlyDictionary<string, string> extra)
    {
        var settings = Defaults(publicKeyHex, httpUrl, databasePath, restBaseUrl);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Where a bot started with <paramref name="extra"/> keeps its answers: its SQLite file, or PostgreSQL when told so.</summary>
    protected static AnswerStore StoreOf(string databasePath, IReadOnlyDictionary<string, string> extra) =>
        extra.GetValueOrDefault("Storage:Provider")?.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) == true
            ? new AnswerStore(null, extra.GetValueOrDefault("Storage:ConnectionString"))
            : new AnswerStore(databasePath, null);

    private static Dictionary<string, string?> Defaults(string publicKeyHex, string httpUrl, string databasePath, Uri restBaseUrl) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Discord:Mode"] = "http",
        ["Discord:ApplicationId"] = ApplicationId.ToString(CultureInfo.InvariantCulture),
        ["Discord:PublicKey"] = publicKeyHex,
        ["Http:Urls"] = httpUrl,
        ["Storage:Path"] = databasePath,
        ["Discord:ApiBaseUrl"] = restBaseUrl.AbsoluteUri,
        ["Logging:LogLevel:Default"] = "Warning",

        // Without a bot token the daily poster warns that it is off; expected here, and not about load.
        ["Logging:LogLevel:QuizBot.Daily.DailyQuestionPoster"] = "Error",
    };
}

/// <summary>A bot started elsewhere (--url, repeated for several instances), with --database or --postgres for the check.</summary>
internal sealed class ExternalBot(IReadOnlyList<Uri> urls, AnswerStore? store) : BotUnderTest
{
    public override IReadOnlyList<Uri> InteractionsUrls => urls;

    public override AnswerStore? Store => store;

    public override bool DeliversToSink => false;

    public override string Description => urls.Count == 1 ? $"{urls[0]}" : $"{urls.Count} instances ({string.Join(", ", urls)}), each request to a random one";

    public override (long Bytes, string Of)? ResidentMemory() => null;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Reads a process's resident memory from /proc (Linux).</summary>
internal static class ResidentMemory
{
    public static long? OfProcess(int processId)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{processId}/status"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>VmRSS from the text of /proc/&lt;pid&gt;/status, in bytes; null when absent or malformed.</summary>
    public static long? Parse(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return parts is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes)
                ? kilobytes * 1024
                : null;
        }

        return null;
    }
}
