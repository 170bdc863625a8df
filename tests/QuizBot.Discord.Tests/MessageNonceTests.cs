using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>
/// Create Message with <c>nonce</c> and <c>enforce_nonce</c>: what the client sends (the two fields as the docs name
/// them, only on Create Message), and how the fake REST server answers it the way Discord documents: the same author's
/// message with that nonce from the past few minutes comes back instead of a new one.
/// </summary>
public sealed class MessageNonceTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero));
    private FakeDiscordRestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeDiscordRestServer.StartAsync();
        _server.Clock = _clock;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_nonce_and_enforce_nonce_go_in_the_create_message_body_and_nowhere_else()
    {
        var client = Client("bot-a");

        await client.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("hi"), "abc123"));
        await client.CreateMessageAsync(5, MessagePayload.Text("plain"));
        await client.CreateFollowupMessageAsync("itoken", MessagePayload.Text("follow-up"));

        var requests = _server.Requests;
        Assert.Equal("""{"nonce":"abc123","enforce_nonce":true,"content":"hi"}""", requests[0].Body);
        Assert.All(requests.Skip(1), r => Assert.DoesNotContain("nonce", r.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567890123456")]
    public void A_nonce_must_be_1_to_25_characters(string nonce) =>
        Assert.Throws<ArgumentException>(() => new NoncedMessagePayload(MessagePayload.Text("x"), nonce));

    [Fact]
    public async Task The_same_author_and_nonce_within_the_window_get_the_first_message_back_and_no_new_one()
    {
        var client = Client("bot-a");

        var first = await client.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("standings"), "game-1"));
        _clock.Advance(TimeSpan.FromMinutes(4));
        var again = await client.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("standings, again"), "game-1"));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("standings", again.Content);
        Assert.Single(_server.CreatedMessages);
    }

    [Fact]
    public async Task Another_nonce_another_author_no_enforce_flag_or_a_nonce_past_the_window_each_create_a_message()
    {
        var a = Client("bot-a");
        var b = Client("bot-b");
        var first = await a.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("1"), "n1"));

        var otherNonce = await a.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("2"), "n2"));
        var otherAuthor = await b.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("3"), "n1"));
        var unenforced = await a.CreateMessageAsync(5, MessagePayload.Text("4"));
        _clock.Advance(_server.NonceWindow);
        var expired = await a.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("5"), "n1"));

        Assert.Equal(5, new[] { first.Id, otherNonce.Id, otherAuthor.Id, unenforced.Id, expired.Id }.Distinct().Count());
        Assert.Equal(5, _server.CreatedMessages.Count);
    }

    [Fact]
    public async Task Two_callers_racing_with_one_nonce_while_the_first_is_held_mid_call_make_one_message()
    {
        var client = Client("bot-a");
        var hold = _server.Hold(r => r.Body.Contains("\"first\"", StringComparison.Ordinal));
        var stalled = client.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("first"), "game-9"));
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await client.CreateMessageOnceAsync(5, new NoncedMessagePayload(MessagePayload.Text("second"), "game-9"));
        hold.Release();
        var first = await stalled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(second.Id, first.Id);
        var created = Assert.Single(_server.CreatedMessages);
        Assert.Equal("second", JsonNode.Parse(created.Request.Body)!["content"]!.GetValue<string>());
    }

    private DiscordRestClient Client(string token) =>
        new(
            _http,
            new RestRateLimiter(TimeProvider.System),
            new DiscordApplication(77),
            Options.Create(new DiscordOptions { Token = token, ApplicationId = 77, ApiBaseUrl = _server.BaseUrl }),
            TimeProvider.System,
            NullLogger<DiscordRestClient>.Instance);
}
