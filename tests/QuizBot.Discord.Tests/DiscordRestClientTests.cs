using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private const string Token = "test-bot-token";
    private FakeDiscordRestServer _server = null!;
    private HttpClient _http = null!;
    private DiscordRestClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeDiscordRestServer.StartAsync();
        _http = new HttpClient();
        _client = CreateClient(serverErrorRetries: 2);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Bot_calls_carry_the_bot_token_user_agent_and_json_body()
    {
        var message = await _client.CreateMessageAsync(5, MessagePayload.Text("hello") with { AllowedMentions = AllowedMentions.None });

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Is("POST", "/channels/5/messages"));
        Assert.Equal($"Bot {Token}", request.Header("Authorization"));
        Assert.Equal("DiscordBot (https://example.org/quizbot, 2.0)", request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("""{"content":"hello","allowed_mentions":{"parse":[]}}""", request.Body);
        Assert.Equal(5UL, message.ChannelId);
        Assert.Equal("hello", message.Content);
        Assert.NotEqual(0UL, message.Id);
    }

    [Fact]
    public async Task Interaction_callbacks_and_webhooks_go_without_the_bot_token()
    {
        await _client.CreateInteractionResponseAsync(11, "itoken", InteractionResponse.DeferredMessage(ephemeral: true));
        await _client.EditOriginalResponseAsync("itoken", MessagePayload.Text("done"));
        await _client.CreateFollowupMessageAsync("itoken", MessagePayload.Text("more").AsEphemeral());
        await _client.DeleteOriginalResponseAsync("itoken");

        var requests = _server.Requests;
        Assert.Collection(
            requests,
            r => Assert.True(r.Is("POST", "/interactions/11/itoken/callback")),
            r => Assert.True(r.Is("PATCH", "/webhooks/77/itoken/messages/@original")),
            r => Assert.True(r.Is("POST", "/webhooks/77/itoken")),
            r => Assert.True(r.Is("DELETE", "/webhooks/77/itoken/messages/@original")));
        Assert.All(requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", requests[0].Body);
    }

    [Fact]
    public async Task Channel_message_edit_delete_and_dm_channel_hit_their_routes()
    {
        await _client.EditMessageAsync(5, 6, MessagePayload.Text("edited"));
        await _client.DeleteMessageAsync(5, 6);
        var dm = await _client.CreateDmChannelAsync(42);

        Assert.True(_server.Requests[0].Is("PATCH", "/channels/5/messages/6"));
        Assert.True(_server.Requests[1].Is("DELETE", "/channels/5/messages/6"));
        Assert.Equal("""{"recipient_id":"42"}""", _server.Requests[2].Body);
        Assert.Equal(ChannelType.Dm, dm.Type);
        Assert.Equal(42UL, Assert.Single(dm.Recipients!).Id);
    }

    [Fact]
    public async Task Commands_are_bulk_overwritten_globally_and_per_guild()
    {
        var commands = new[]
        {
            ApplicationCommand.Slash("quiz", "Play", ApplicationCommandOption.String("topic", "Topic", required: true, autocomplete: true)) with
            {
                DefaultMemberPermissions = Permissions.ManageGuild,
                Contexts = [InteractionContextType.Guild],
            },
        };

        var global = await _client.BulkOverwriteGlobalCommandsAsync(commands);
        var guild = await _client.BulkOverwriteGuildCommandsAsync(8, commands);

        Assert.True(_server.Requests[0].Is("PUT", "/applications/77/commands"));
        Assert.True(_server.Requests[1].Is("PUT", "/applications/77/guilds/8/commands"));
        var sent = _server.Requests[0].Json!.AsArray()[0]!;
        Assert.Equal("32", sent["default_member_permissions"]!.GetValue<string>());
        Assert.True(sent["options"]![0]!["autocomplete"]!.GetValue<bool>());
        Assert.NotNull(Assert.Single(global).Id);
        Assert.Equal(8UL, Assert.Single(guild).GuildId);
    }

    [Fact]
    public async Task Get_gateway_bot_reads_url_and_session_start_limit()
    {
        _server.GatewayUrl = new Uri("ws://127.0.0.1:1/");
        _server.SessionStartRemaining = 12;

        var gateway = await _client.GetGatewayBotAsync();

        Assert.Equal(new Uri("ws://127.0.0.1:1/"), gateway.Url);
        Assert.Equal(12, gateway.SessionStartLimit!.Remaining);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_retry_after_then_retried()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.RateLimited(0.3));

        var message = await _client.CreateMessageAsync(5, MessagePayload.Text("eventually"));

        Assert.Equal("eventually", message.Content);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.3));
    }

    [Fact]
    public async Task A_global_429_is_waited_out_too()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.RateLimited(0.25, global: true));

        await _client.CreateMessageAsync(5, MessagePayload.Text("x"));

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.25));
    }

    [Fact]
    public async Task An_exhausted_bucket_waits_for_its_reset_before_the_next_call()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.Json(200, """{"id":"1","channel_id":"5"}""").WithBucket("b1", remaining: 0, resetAfterSeconds: 0.4));

        await _client.CreateMessageAsync(5, MessagePayload.Text("first"));
        await _client.CreateMessageAsync(5, MessagePayload.Text("second"));

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.35), $"Waited only {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task A_bucket_with_requests_left_does_not_wait()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.Json(200, """{"id":"1","channel_id":"5"}""").WithBucket("b1", remaining: 3, resetAfterSeconds: 60));

        // Waiting for the reset would take a minute; a busy machine gets far less than that to send at once.
        await _client.CreateMessageAsync(5, MessagePayload.Text("first"));
        await _client.CreateMessageAsync(5, MessagePayload.Text("second")).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Another_channel_is_not_held_up_by_an_exhausted_bucket()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.Json(200, """{"id":"1","channel_id":"5"}""").WithBucket("b1", remaining: 0, resetAfterSeconds: 60));

        // Waiting for the other channel's reset would take a minute; a busy machine gets far less than that.
        await _client.CreateMessageAsync(5, MessagePayload.Text("first"));
        await _client.CreateMessageAsync(6, MessagePayload.Text("elsewhere")).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(_server.Requests[1].Is("POST", "/channels/6/messages"));
    }

    [Fact]
    public async Task A_404_is_not_retried_and_surfaces_discords_code_and_message()
    {
        _server.Enqueue("DELETE", "/channels/5/messages/6", ScriptedResponse.Error(404, 10008, "Unknown Message"));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => _client.DeleteMessageAsync(5, 6));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(10008, error.Code);
        Assert.Equal("Unknown Message", error.DiscordMessage);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_error_about_a_webhook_does_not_leak_the_interaction_token()
    {
        _server.Enqueue("PATCH", "/webhooks/77/secret-token/messages/@original", ScriptedResponse.Error(404, 10015, "Unknown Webhook"));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => _client.EditOriginalResponseAsync("secret-token", MessagePayload.Text("x")));

        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_is_retried_a_bounded_number_of_times()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.ServerError(502));
        }

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => _client.CreateMessageAsync(5, MessagePayload.Text("x")));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_5xx_followed_by_success_succeeds()
    {
        _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.ServerError());

        var message = await _client.CreateMessageAsync(5, MessagePayload.Text("second time lucky"));

        Assert.Equal("second time lucky", message.Content);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Repeated_429s_give_up_after_the_configured_retries()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue("POST", "/channels/5/messages", ScriptedResponse.RateLimited(0.01));
        }

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => _client.CreateMessageAsync(5, MessagePayload.Text("x")));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal(4, _server.Requests.Count);
    }

    private DiscordRestClient CreateClient(int serverErrorRetries) =>
        new(
            _http,
            new RestRateLimiter(TimeProvider.System),
            Options.Create(new DiscordOptions
            {
                Token = Token,
                ApplicationId = 77,
                ApiBaseUrl = _server.BaseUrl,
                ServerErrorRetries = serverErrorRetries,
                ServerErrorBackoff = TimeSpan.FromMilliseconds(20),
                UserAgentUrl = "https://example.org/quizbot",
                UserAgentVersion = "2.0",
            }),
            TimeProvider.System,
            NullLogger<DiscordRestClient>.Instance);
}
