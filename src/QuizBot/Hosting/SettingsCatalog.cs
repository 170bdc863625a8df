using System.Text;

namespace QuizBot.Hosting;

/// <summary>One setting an operator can give: its configuration key, what it defaults to and what it means.</summary>
public sealed record SettingInfo(string Key, string Default, string Meaning)
{
    /// <summary>The environment variable that sets it (':' becomes '__').</summary>
    public string EnvironmentVariable => BotSettings.EnvName(Key);
}

/// <summary>
/// Every setting the bot reads, in one place: `quizbot help`, `quizbot run --help` and the README's configuration
/// table are all written from this list (a test checks the README against it), and `--Section:Key=value` on the
/// command line is checked against it.
/// </summary>
public static class SettingsCatalog
{
    public static IReadOnlyList<SettingInfo> All { get; } =
    [
        new(BotSettings.ModeKey, "`gateway`", "`gateway` (needs the token) or `http` (needs the public key and application id)"),
        new(BotSettings.TokenKey, "—", "bot token; required in gateway mode and for `register-commands`"),
        new(BotSettings.ApplicationIdKey, "from the token, else from READY (gateway mode)", "application id; required in http mode"),
        new(BotSettings.PublicKeyKey, "—", "Ed25519 public key, 64 hex characters (http mode)"),
        new("Discord:ApiBaseUrl", "`https://discord.com/api/v10`", "REST base address (tests point it at loopback)"),
        new("Discord:GatewayUrl", "asked of `GET /gateway/bot`", "gateway address override"),
        new("Discord:Intents", "`0`", "gateway intents (interactions need none)"),
        new("Discord:ShardId", "`0`", "this process's shard (gateway mode)"),
        new("Discord:ShardCount", "`1`", "number of shards (gateway mode)"),
        new("Discord:InteractionsPath", "`/interactions`", "HTTP interactions path"),
        new("Discord:DeferAfter", "`00:00:02.5`", "answer time after which a reply is deferred"),
        new(BotSettings.GlobalRequestsPerSecondKey, "`50`", "this instance's share of Discord's global limit (50 requests/s per bot token, shared by every instance): give each of N instances 50/N; interaction replies are not counted"),
        new(BotSettings.HttpUrlsKey, $"`{BotSettings.DefaultGatewayHttpUrls}` (gateway), `{BotSettings.DefaultHttpUrls}` (http)", "Kestrel addresses (`;`-separated) for `/healthz/live`, `/healthz/ready` (and `/interactions` in http mode)"),
        new(BotSettings.StoragePathKey, $"`{BotSettings.DefaultStoragePath}`", "the SQLite file, created and migrated at start"),
        new(StorageSettings.ProviderKey, "`sqlite`", "`sqlite`, or `postgres` to share one PostgreSQL database between instances (see Scaling out)"),
        new(StorageSettings.ConnectionStringKey, "—", "with `postgres`: an Npgsql connection string, e.g. `Host=db;Database=quizbot;Username=quizbot;Password=...`"),
        new(BotSettings.ContentPathKey, "`./content` if it exists, else `content/` next to the binary", "the decks"),
    ];

    /// <summary>Sections the bot owns: a key in one of them that the bot does not read is a typo, not a setting.</summary>
    public static IReadOnlyList<string> Sections { get; } = [.. All.Select(s => s.Key.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Keys the bot also reads without advertising them (the Discord client's tuning knobs).</summary>
    private static readonly IReadOnlyList<string> Unadvertised = typeof(Discord.DiscordOptions).GetProperties()
        .Select(p => $"{Discord.DiscordOptions.SectionName}:{p.Name}")
        .ToList();

    /// <summary>Every key accepted in the bot's own sections.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = [.. All.Select(s => s.Key).Concat(Unadvertised).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The README's configuration table, row for row.</summary>
    public static string MarkdownTable()
    {
        var table = new StringBuilder();
        table.Append("| setting | environment variable | default | meaning |\n| --- | --- | --- | --- |\n");
        foreach (var setting in All)
        {
            table.Append($"| `{setting.Key}` | `{setting.EnvironmentVariable}` | {setting.Default} | {setting.Meaning} |\n");
        }

        return table.ToString();
    }

    /// <summary>The same list for the terminal (`quizbot help`, `quizbot run --help`).</summary>
    public static void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Settings (appsettings.json, environment variable, or --Section:Key=value after the verb):");
        var width = All.Max(s => s.Key.Length);
        var envWidth = All.Max(s => s.EnvironmentVariable.Length);
        foreach (var setting in All)
        {
            output.WriteLine($"  {setting.Key.PadRight(width)}  {setting.EnvironmentVariable.PadRight(envWidth)}  {Plain(setting.Meaning)} (default: {Plain(setting.Default)})");
        }
    }

    private static string Plain(string markdown) => markdown.Replace("`", string.Empty, StringComparison.Ordinal);
}
