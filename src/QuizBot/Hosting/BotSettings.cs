using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace QuizBot.Hosting;

public enum DiscordMode
{
    Gateway,
    Http,
}

/// <summary>
/// The settings `quizbot run` needs, read from ordinary .NET configuration and checked before the host is built,
/// so a missing or malformed setting stops the start with one line naming it (and never echoing a secret).
/// </summary>
public sealed record BotSettings(
    DiscordMode Mode,
    string Token,
    ulong ApplicationId,
    string PublicKey,
    IReadOnlyList<string> HttpUrls,
    string StoragePath,
    string ContentPath)
{
    /// <summary>HTTP mode: Discord must reach /interactions, so every interface.</summary>
    public const string DefaultHttpUrls = "http://0.0.0.0:8080";

    /// <summary>Gateway mode serves only the health probes: loopback unless Http:Urls says otherwise.</summary>
    public const string DefaultGatewayHttpUrls = "http://127.0.0.1:8080";
    public const string DefaultStoragePath = "data/quizbot.db";

    public const string ModeKey = "Discord:Mode";
    public const string TokenKey = "Discord:Token";
    public const string ApplicationIdKey = "Discord:ApplicationId";
    public const string PublicKeyKey = "Discord:PublicKey";
    public const string HttpUrlsKey = "Http:Urls";
    public const string StoragePathKey = "Storage:Path";
    public const string ContentPathKey = "Content:Path";
    public const string GlobalRequestsPerSecondKey = "Discord:GlobalRequestsPerSecond";

    /// <summary>Reads and checks the settings; on failure <paramref name="error"/> is the one line to print.</summary>
    public static BotSettings? Read(IConfiguration configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        error = "";
        var modeText = configuration[ModeKey];
        DiscordMode mode;
        if (string.IsNullOrWhiteSpace(modeText) || modeText.Trim().Equals("gateway", StringComparison.OrdinalIgnoreCase))
        {
            mode = DiscordMode.Gateway;
        }
        else if (modeText.Trim().Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            mode = DiscordMode.Http;
        }
        else
        {
            error = $"{ModeKey} must be 'gateway' or 'http', not '{modeText}'. Set the environment variable {EnvName(ModeKey)}.";
            return null;
        }

        var token = configuration[TokenKey]?.Trim() ?? "";
        var publicKey = configuration[PublicKeyKey]?.Trim() ?? "";
        if (mode == DiscordMode.Gateway)
        {
            if (token.Length == 0)
            {
                error = $"{TokenKey} is not set. Set the environment variable {EnvName(TokenKey)} to your bot token (or use user secrets); "
                    + $"to try the bot offline without Discord, run `{Cli.CommandName.Current} play`.";
                return null;
            }

            if (!LooksLikeToken(token))
            {
                error = $"{TokenKey} is malformed: a bot token has no spaces or line breaks. Copy it again from the Developer Portal into {EnvName(TokenKey)}.";
                return null;
            }
        }
        else if (publicKey.Length == 0)
        {
            error = $"{PublicKeyKey} is not set. HTTP mode needs the application's public key: set the environment variable {EnvName(PublicKeyKey)}.";
            return null;
        }
        else if (publicKey.Length != 64 || !publicKey.All(char.IsAsciiHexDigit))
        {
            error = $"{PublicKeyKey} is malformed: it must be 64 hexadecimal characters, as the Developer Portal shows it. Check {EnvName(PublicKeyKey)}.";
            return null;
        }

        var applicationIdText = configuration[ApplicationIdKey]?.Trim() ?? "";
        ulong applicationId = 0;
        if (applicationIdText.Length > 0 && (!ulong.TryParse(applicationIdText, NumberStyles.None, CultureInfo.InvariantCulture, out applicationId) || applicationId == 0))
        {
            error = $"{ApplicationIdKey} is malformed: it must be the application's numeric id. Check {EnvName(ApplicationIdKey)}.";
            return null;
        }

        // In gateway mode the id can come from the token or, failing that, from READY (the gateway client learns it).
        if (applicationId == 0 && mode == DiscordMode.Http)
        {
            error = $"{ApplicationIdKey} is not set. Set the environment variable {EnvName(ApplicationIdKey)} to the application id from the Developer Portal.";
            return null;
        }

        if (applicationId == 0 && mode == DiscordMode.Gateway)
        {
            TryApplicationIdFromToken(token, out applicationId);
        }

        var urls = (configuration[HttpUrlsKey] ?? (mode == DiscordMode.Gateway ? DefaultGatewayHttpUrls : DefaultHttpUrls))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var badUrl = urls.FirstOrDefault(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"));
        if (urls.Length == 0 || badUrl is not null)
        {
            error = $"{HttpUrlsKey} is malformed: '{badUrl}' is not an http:// or https:// address. Check {EnvName(HttpUrlsKey)} (e.g. {DefaultHttpUrls}).";
            return null;
        }

        var storage = configuration[StoragePathKey] ?? DefaultStoragePath;
        if (string.IsNullOrWhiteSpace(storage) || storage.Trim() == ":memory:")
        {
            error = $"{StoragePathKey} must name a database file (e.g. {DefaultStoragePath}). Check {EnvName(StoragePathKey)}.";
            return null;
        }

        var globalShare = configuration[GlobalRequestsPerSecondKey];
        if (globalShare is not null && (!int.TryParse(globalShare.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var perSecond) || perSecond < 1))
        {
            error = $"{GlobalRequestsPerSecondKey} must be a whole number of requests per second, at least 1, not '{globalShare}' "
                + $"(Discord allows 50 per bot token, shared by every instance: give each of N instances 50/N). Check {EnvName(GlobalRequestsPerSecondKey)}.";
            return null;
        }

        var content = configuration[ContentPathKey];
        var contentPath = string.IsNullOrWhiteSpace(content) ? ContentFolder.Resolve() : content.Trim();
        if (!Directory.Exists(contentPath))
        {
            error = $"{ContentPathKey} '{contentPath}' is not a folder. Point {EnvName(ContentPathKey)} at the folder holding the decks.";
            return null;
        }

        return new BotSettings(mode, token, applicationId, publicKey.ToLowerInvariant(), urls, storage.Trim(), contentPath);
    }

    /// <summary>The environment variable for a configuration key: ':' becomes '__'.</summary>
    public static string EnvName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>A bot token's first part is the bot's user id (which is the application id) in base64.</summary>
    public static bool TryApplicationIdFromToken(string token, out ulong applicationId)
    {
        applicationId = 0;
        var first = (token ?? "").Split('.')[0];
        var padded = first.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(padded, bytes, out var written)
            && ulong.TryParse(Encoding.ASCII.GetString(bytes[..written]), NumberStyles.None, CultureInfo.InvariantCulture, out applicationId)
            && applicationId != 0;
    }

    // Real tokens are three dot-separated parts, but only what would break the Authorization header is refused here:
    // a wrong token is Discord's to reject (close code 4004), with its own clear message.
    private static bool LooksLikeToken(string token) => !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
