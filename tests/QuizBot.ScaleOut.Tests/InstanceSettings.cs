using System.Globalization;
using QuizBot.Discord.Testing;
using QuizBot.Postgres.Tests;
using QuizBot.Tests;
using QuizBot.Tests.Support;

namespace QuizBot.ScaleOut.Tests;

/// <summary>The settings every instance of a test gets: HTTP interactions mode, the test's signing key, the fake Discord REST API.</summary>
internal static class InstanceSettings
{
    public static Dictionary<string, string> Http(InteractionSigner signer, FakeDiscordRestServer rest) => new()
    {
        ["Discord:Mode"] = "http",
        ["Discord:ApplicationId"] = TestUser.Application.ToString(CultureInfo.InvariantCulture),
        ["Discord:PublicKey"] = signer.PublicKeyHex,
        ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
        ["Content:Path"] = RepositoryPaths.Content,
        ["Logging:LogLevel:Default"] = "Warning",

        // The members read each reveal from the initial response; on a loaded machine a handler can pass the usual
        // 2.5 s and be deferred instead (deferral has its own tests in QuizBot.Discord.Tests).
        ["Discord:DeferAfter"] = "00:01:00",
    };

    public static Dictionary<string, string> Postgres(InteractionSigner signer, FakeDiscordRestServer rest, TestDatabase database)
    {
        var settings = Http(signer, rest);
        settings["Storage:Provider"] = "postgres";
        settings["Storage:ConnectionString"] = database.ConnectionString;
        return settings;
    }

    public static Dictionary<string, string> With(this Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };
}
