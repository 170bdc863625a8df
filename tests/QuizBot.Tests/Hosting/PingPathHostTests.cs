using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Discord.Testing;
using QuizBot.Tests.EndToEnd;

namespace QuizBot.Tests.Hosting;

/// <summary>The PING path through the real host (Kestrel, the host's logging), as `quizbot run` serves it in HTTP mode.</summary>
public sealed class PingPathHostTests : IAsyncLifetime
{
    private const string Ping = """{"type":1,"id":"1","application_id":"4242","token":"t","version":1}""";
    private readonly InteractionSigner signer = InteractionSigner.Create();
    private readonly HttpClient http = new();
    private readonly string folder = Directory.CreateTempSubdirectory("quizbot-ping-").FullName;
    private SignedHost? bot;
    private Uri? interactions;

    public async ValueTask InitializeAsync()
    {
        bot = await SignedHost.StartAsync(signer, ("Storage:Path", Path.Combine(folder, "bot.db")));
        interactions = bot.InteractionsUrl;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (bot is not null)
        {
            await bot.DisposeAsync();
        }

        signer.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_signed_ping_is_answered_pong()
    {
        using var reply = await http.SendAsync(signer.CreateRequest(interactions!, Ping));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("application/json", reply.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await reply.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_ping_with_another_bodys_signature_is_401()
    {
        using var request = signer.CreateRequest(interactions!, Ping);
        request.Headers.Remove("X-Signature-Ed25519");
        request.Headers.Add("X-Signature-Ed25519", signer.Sign(request.Headers.GetValues("X-Signature-Timestamp").Single(), Encoding.UTF8.GetBytes(Ping.Replace("\"1\"", "\"2\"", StringComparison.Ordinal))));

        using var reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
    }

    [Fact]
    public async Task A_ping_signed_six_minutes_ago_is_401()
    {
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var reply = await http.SendAsync(signer.CreateRequest(interactions!, Ping, stale));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
    }

    [Fact]
    public async Task A_signed_body_over_the_limit_is_413()
    {
        var padded = Ping[..^1] + ",\"pad\":\"" + new string('x', 300 * 1024) + "\"}";

        using var reply = await http.SendAsync(signer.CreateRequest(interactions!, padded));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.StatusCode);
    }

    [Fact]
    public void The_hosting_logger_that_opens_a_scope_per_request_is_off_and_request_errors_are_still_logged()
    {
        var loggers = bot!.Services.GetRequiredService<ILoggerFactory>();

        // Enabled at any level, it opens a logging scope and starts an Activity for every request.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Error));
    }
}
