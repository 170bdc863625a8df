using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

/// <summary>The REST client against an in-process handler the test controls: deadlines on a fake clock, errors, concurrency.</summary>
public sealed class DiscordRestClientDeadlineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly HeldHandler _handler = new();

    [Fact]
    public void Callbacks_and_webhook_calls_have_short_deadlines_by_default()
    {
        var options = new DiscordOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), options.CallbackTimeout);
        Assert.InRange(options.WebhookTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.InRange(options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("callback")]
    [InlineData("webhook")]
    [InlineData("bot")]
    public async Task A_peer_that_never_answers_fails_the_call_at_its_deadline_with_the_token_hidden(string kind)
    {
        // The handler never answers, so only the deadline can end the call; the short deadlines keep the test quick.
        using var http = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = Client(http, options =>
        {
            options.CallbackTimeout = TimeSpan.FromMilliseconds(kind == "callback" ? 200 : 60_000);
            options.WebhookTimeout = TimeSpan.FromMilliseconds(kind == "webhook" ? 200 : 60_000);
            options.RequestTimeout = TimeSpan.FromMilliseconds(kind == "bot" ? 200 : 60_000);
        });

        Task call = kind switch
        {
            "callback" => client.CreateInteractionResponseAsync(11, "secret-tok", InteractionResponse.Message("late")),
            "webhook" => client.EditOriginalResponseAsync("secret-tok", MessagePayload.Text("x")),
            _ => client.CreateMessageAsync(5, MessagePayload.Text("x")),
        };

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => call.WaitAsync(Wait));
        Assert.Contains("within 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-tok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_lock_is_held_across_a_slow_call_on_the_same_route()
    {
        using var http = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = Client(http);

        var slow = client.CreateMessageAsync(5, MessagePayload.Text("slow"));
        await _handler.Arrived.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        var second = client.CreateMessageAsync(5, MessagePayload.Text("second"));

        // The second request reaches the server while the first is still unanswered.
        await _handler.Arrived.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.False(slow.IsCompleted);
        _handler.ReleaseAll();
        await Task.WhenAll(slow, second).WaitAsync(Wait);
    }

    [Fact]
    public async Task An_invalid_form_body_names_each_field_and_rule()
    {
        const string body = """
            {"code":50035,"message":"Invalid Form Body","errors":{"0":{"name":{"_errors":[{"code":"APPLICATION_COMMAND_INVALID_NAME","message":"Command name is invalid"}]},
            "options":{"1":{"description":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH","message":"Must be between 1 and 100 in length."}]}}}}}}
            """;
        using var http = new HttpClient(new FixedAnswer(HttpStatusCode.BadRequest, body));
        var client = Client(http);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => client.BulkOverwriteGlobalCommandsAsync([]));

        Assert.Equal(50035, error.Code);
        Assert.Equal(
            ["0.name: APPLICATION_COMMAND_INVALID_NAME (Command name is invalid)", "0.options.1.description: BASE_TYPE_BAD_LENGTH (Must be between 1 and 100 in length.)"],
            error.FieldErrors);
        Assert.Contains("0.name: APPLICATION_COMMAND_INVALID_NAME", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.options.1.description", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private DiscordRestClient Client(HttpClient http, Action<DiscordOptions>? configure = null)
    {
        var options = new DiscordOptions { Token = "t", ApiBaseUrl = new Uri("http://discord.invalid/api/v10") };
        configure?.Invoke(options);
        return new(http, new RestRateLimiter(_time), new DiscordApplication(77), Options.Create(options), _time, NullLogger<DiscordRestClient>.Instance);
    }

    /// <summary>Holds every request until released (or cancelled), announcing each arrival.</summary>
    private sealed class HeldHandler : HttpMessageHandler
    {
        private readonly ConcurrentBag<TaskCompletionSource> _held = [];

        public System.Threading.Channels.Channel<HttpRequestMessage> Arrived { get; } = System.Threading.Channels.Channel.CreateUnbounded<HttpRequestMessage>();

        public void ReleaseAll()
        {
            foreach (var held in _held)
            {
                held.TrySetResult();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Add(release);
            Arrived.Writer.TryWrite(request);
            await release.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1","channel_id":"5"}""", Encoding.UTF8, "application/json") };
        }
    }

    private sealed class FixedAnswer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
