using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public sealed partial class InteractionEndpointTests : IAsyncLifetime
{
    private const string CommandJson =
        """{"id":"11","application_id":"77","type":2,"token":"tok-1","version":1,"data":{"id":"5","name":"ping","type":1},"channel_id":"3","user":{"id":"9","username":"ada"}}""";

    private readonly InteractionSigner _signer = InteractionSigner.Create();
    private readonly RecordingHandler _handler = new();
    private readonly HttpClient _http = new();
    private FakeDiscordRestServer _rest = null!;
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        _rest = await FakeDiscordRestServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDiscordInteractions(options =>
        {
            options.PublicKey = _signer.PublicKeyHex;
            options.ApplicationId = 77;
            options.Token = "bot-token-never-sent-to-webhooks";
            options.ApiBaseUrl = _rest.BaseUrl;
            options.InteractionsPath = "/discord/interactions";
            options.DeferAfter = TimeSpan.FromMilliseconds(200);
            options.MaxBodyBytes = 4096;
        });
        builder.Services.AddSingleton<IInteractionHandler>(_handler);
        _app = builder.Build();
        _app.MapDiscordInteractions();
        await _app.StartAsync();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _endpoint = new Uri(address, "/discord/interactions");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _rest.DisposeAsync();
        _http.Dispose();
        _signer.Dispose();
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_as_json()
    {
        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, """{"id":"1","application_id":"77","type":1,"token":"t","version":1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_command_gets_the_handlers_response_as_the_reply()
    {
        _handler.Answer = InteractionResponse.Message("pong!", ephemeral: true);

        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, CommandJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(4, body["type"]!.GetValue<int>());
        Assert.Equal("pong!", body["data"]!["content"]!.GetValue<string>());
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(11UL, _handler.Last!.Id);
    }

    [Fact]
    public async Task A_command_whose_data_carries_type_1_before_its_own_type_reaches_the_handler()
    {
        _handler.Answer = InteractionResponse.Message("pong!", ephemeral: true);
        const string dataFirst = """{"data":{"id":"5","name":"ping","type":1},"id":"12","application_id":"77","type":2,"token":"tok-2","version":1,"channel_id":"3","user":{"id":"9","username":"ada"}}""";

        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, dataFirst));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
        Assert.Equal(12UL, _handler.Last!.Id);
    }

    [Fact]
    public async Task A_ping_sent_in_chunks_is_read_whole_and_verified()
    {
        const string ping = """{"id":"1","application_id":"77","type":1,"token":"t","version":1}""";
        using var request = _signer.CreateRequest(_endpoint, ping);
        request.Content = new ChunkedContent(Encoding.UTF8.GetBytes(ping), chunk: 7);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_without_calling_the_handler()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(CommandJson) };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_request_signed_by_another_key_is_refused_without_calling_the_handler()
    {
        using var impostor = InteractionSigner.Create();

        using var response = await _http.SendAsync(impostor.CreateRequest(_endpoint, CommandJson));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_signed_ping_with_a_tampered_body_is_refused()
    {
        using var request = _signer.CreateRequest(_endpoint, """{"id":"1","application_id":"77","type":1,"token":"t","version":1}""");
        request.Content = new StringContent("""{"id":"1","application_id":"77","type":1,"token":"u","version":1}""");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"id":"abc","type":2}""")]
    [InlineData("""{"id":"1","type":"two"}""")]
    [InlineData("""{"type":1}x""")]
    public async Task Signed_malformed_json_is_a_bad_request(string body)
    {
        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_as_too_large()
    {
        var padded = CommandJson.Replace("\"ping\"", "\"" + new string('x', 5000) + "\"", StringComparison.Ordinal);

        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, padded));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task A_slow_handler_is_deferred_and_its_answer_is_patched_onto_the_original()
    {
        // The handler is held until the reply is in, so the reply cannot wait for it however busy the machine is.
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.HoldUntil = finish.Task;
        _handler.Answer = InteractionResponse.Message("worth the wait");

        // No wall-clock bound here: a busy machine can stall any reply for seconds. The held handler is the proof that
        // the deferral did not wait for it; DeferAfter (200 ms here) is what keeps it inside Discord's 3 s.
        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, CommandJson)).WaitAsync(GatewaySimulator.DefaultTimeout);

        Assert.Equal("""{"type":5}""", await response.Content.ReadAsStringAsync());
        finish.SetResult();
        var patch = await _rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-1/messages/@original");
        Assert.Equal("worth the wait", patch.Json!["content"]!.GetValue<string>());
        Assert.Null(patch.Header("Authorization"));
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var response = await _http.GetAsync(new Uri(_endpoint, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class RecordingHandler : IInteractionHandler
    {
        private int _calls;

        public InteractionResponse Answer { get; set; } = InteractionResponse.Message("ok");
        /// <summary>When set, the handler answers only once this completes.</summary>
        public Task? HoldUntil { get; set; }
        public Interaction? Last { get; private set; }
        public int Calls => Volatile.Read(ref _calls);

        public async Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Last = interaction;
            if (HoldUntil is { } hold)
            {
                await hold.WaitAsync(cancellationToken);
            }

            return Answer;
        }
    }

    /// <summary>A body sent without a length, a few bytes per write, flushed each time.</summary>
    private sealed class ChunkedContent(byte[] body, int chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += chunk)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
