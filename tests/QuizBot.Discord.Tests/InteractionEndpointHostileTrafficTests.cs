using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>The endpoint under traffic Discord never sends: floods of bad signatures, replays, huge and broken bodies.</summary>
public sealed partial class InteractionEndpointHostileTrafficTests : IDisposable
{
    private const string CommandJson =
        """{"id":"11","application_id":"77","type":2,"token":"tok-1","version":1,"data":{"id":"5","name":"ping","type":1},"channel_id":"3","user":{"id":"9","username":"ada"}}""";

    private static readonly TimeSpan Wait = GatewaySimulator.DefaultTimeout;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly InteractionSigner _signer = InteractionSigner.Create();
    private readonly CountingHandler _handler = new();
    private readonly RecordingLogger<InteractionEndpoint> _log = new();
    private readonly ServiceProvider _services;
    private readonly InteractionEndpoint _endpoint;

    public InteractionEndpointHostileTrafficTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddDiscordInteractions(options =>
        {
            options.PublicKey = _signer.PublicKeyHex;
            options.ApplicationId = 77;
            options.DeferAfter = TimeSpan.FromMinutes(1);
        });
        services.AddSingleton<ILogger<InteractionEndpoint>>(_log);
        services.AddSingleton<IInteractionHandler>(_handler);
        _services = services.BuildServiceProvider();
        _endpoint = _services.GetRequiredService<InteractionEndpoint>();
    }

    [Fact]
    public async Task Twenty_thousand_bad_signatures_are_refused_and_logged_as_a_few_counted_lines()
    {
        var body = Encoding.UTF8.GetBytes(CommandJson);
        var badSignature = new string('a', 128);
        for (var i = 0; i < 20_000; i++)
        {
            var context = Request(body, badSignature, Now());
            await _endpoint.HandleAsync(context);
            Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        _time.Advance(TimeSpan.FromMinutes(2));

        // 200 s of fake time at one report per minute: the first refusal, then four counted lines (at 60, 120, 180, 240 s).
        var lines = _log.Lines;
        Assert.Equal(5, lines.Count);
        Assert.Equal(0, _handler.Calls);

        // Nothing is lost in the aggregation: the first line plus the counted ones add up to every refusal.
        var counted = lines.Skip(1).Sum(line => int.Parse(CountPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(20_000, 1 + counted);
    }

    [Fact]
    public async Task After_a_quiet_interval_the_next_refusal_is_logged_at_once_again()
    {
        var body = Encoding.UTF8.GetBytes(CommandJson);
        await _endpoint.HandleAsync(Request(body, new string('b', 128), Now()));
        _time.Advance(TimeSpan.FromMinutes(3));
        await _endpoint.HandleAsync(Request(body, new string('b', 128), Now()));

        Assert.Equal(2, _log.Lines.Count(line => line.Contains("further refusals are counted", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(-301, StatusCodes.Status401Unauthorized)]
    [InlineData(301, StatusCodes.Status401Unauthorized)]
    [InlineData(-299, StatusCodes.Status200OK)]
    [InlineData(299, StatusCodes.Status200OK)]
    public async Task A_correctly_signed_request_must_carry_a_timestamp_within_five_minutes(int offsetSeconds, int expected)
    {
        var body = Encoding.UTF8.GetBytes(CommandJson);
        var timestamp = (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);
        var context = Request(body, _signer.Sign(timestamp, body), timestamp);

        await _endpoint.HandleAsync(context);

        Assert.Equal(expected, context.Response.StatusCode);
        Assert.Equal(expected == StatusCodes.Status200OK ? 1 : 0, _handler.Calls);
    }

    [Fact]
    public async Task A_replayed_interaction_is_answered_without_running_the_handler_again()
    {
        var body = Encoding.UTF8.GetBytes(CommandJson);
        var timestamp = Now();
        var signature = _signer.Sign(timestamp, body);

        var first = Request(body, signature, timestamp);
        await _endpoint.HandleAsync(first);
        _time.Advance(TimeSpan.FromMinutes(2));
        var replay = Request(body, signature, timestamp);
        await _endpoint.HandleAsync(replay);

        Assert.Equal(1, _handler.Calls);
        Assert.Equal("handled", ReplyOf(first)["data"]!["content"]!.GetValue<string>());
        var replayed = ReplyOf(replay);
        Assert.Equal(4, replayed["type"]!.GetValue<int>());
        Assert.Equal(64, replayed["data"]!["flags"]!.GetValue<int>());
        Assert.NotEqual("handled", replayed["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_announced_over_the_limit_is_refused_before_a_byte_is_read()
    {
        Assert.Equal(256 * 1024, new DiscordOptions().MaxBodyBytes);
        var context = Request([], _signer.Sign(Now(), []), Now());
        context.Request.ContentLength = 1024 * 1024;
        context.Request.Body = new UnreadableStream();

        await _endpoint.HandleAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_once_the_limit_is_passed()
    {
        var huge = new byte[1024 * 1024];
        var context = Request(huge, _signer.Sign(Now(), huge), Now());
        context.Request.ContentLength = null;
        var body = new CountingStream(huge);
        context.Request.Body = body;

        await _endpoint.HandleAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.InRange(body.BytesRead, 0, (256 * 1024) + (16 * 1024));
    }

    [Fact]
    public async Task A_body_cut_short_or_sent_too_slowly_gets_400_or_408_and_no_unhandled_error_in_the_log()
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);

            // A body with no data at all trips this as soon as Kestrel's once-a-second check runs past the grace.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5));
        });
        builder.Services.AddDiscordInteractions(options => options.PublicKey = _signer.PublicKeyHex);
        builder.Services.AddSingleton<IInteractionHandler>(_handler);
        await using var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var cutShort = await SendRawAsync(address, contentLength: 1000, send: 10, closeAfter: true);
        var tooSlow = await SendRawAsync(address, contentLength: 1000, send: 0, closeAfter: false);
        await app.StopAsync();

        // A client that hung up may not read the answer; either way the endpoint handled it and logged it quietly.
        Assert.True(cutShort.Length == 0 || cutShort.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), cutShort);
        Assert.StartsWith("HTTP/1.1 408", tooSlow, StringComparison.Ordinal);
        var endpointLines = logs.Entries.Where(entry => entry.Category == typeof(InteractionEndpoint).FullName).ToList();
        Assert.Equal(2, endpointLines.Count);
        Assert.All(endpointLines, entry => Assert.Equal(LogLevel.Debug, entry.Level));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Equal(0, _handler.Calls);
    }

    public void Dispose()
    {
        _services.Dispose();
        _signer.Dispose();
    }

    private static async Task<string> SendRawAsync(Uri address, int contentLength, int send, bool closeAfter)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var head = $"POST /interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n"
            + $"X-Signature-Ed25519: {new string('c', 128)}\r\nX-Signature-Timestamp: 1\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + new string('x', send)));
        if (closeAfter)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Wait);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static DefaultHttpContext Request(byte[] body, string signature, string timestamp)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.Headers[InteractionEndpoint.SignatureHeader] = signature;
        context.Request.Headers[InteractionEndpoint.TimestampHeader] = timestamp;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonNode ReplyOf(HttpContext context) =>
        JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;

    private string Now() => _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Refused (\d+) more")]
    private static partial Regex CountPattern();

    private sealed class CountingHandler : IInteractionHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(InteractionResponse.Message("handled"));
        }
    }

    /// <summary>A request body that fails the test if anyone reads it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read.");
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
