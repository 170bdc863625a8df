using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

/// <summary>The limiter alone, on a fake clock: every wait is decided by the clock the test moves, none by wall time.</summary>
public sealed class RestRateLimiterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_exhausted_bucket_holds_the_next_request_until_its_reset()
    {
        var limiter = new RestRateLimiter(_time);
        var route = Route("POST", "/channels/5/messages");
        await limiter.WaitAsync(route, CancellationToken.None);
        limiter.Observe(route, Bucket("b1", remaining: 0, resetAfterSeconds: 2));

        var next = limiter.WaitAsync(route, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        await next.WaitAsync(Wait);
    }

    [Fact]
    public async Task Remaining_requests_are_counted_down_before_anyone_waits()
    {
        var limiter = new RestRateLimiter(_time);
        var route = Route("POST", "/channels/5/messages");
        limiter.Observe(route, Bucket("b1", remaining: 2, resetAfterSeconds: 5));

        await limiter.WaitAsync(route, CancellationToken.None).WaitAsync(Wait);
        await limiter.WaitAsync(route, CancellationToken.None).WaitAsync(Wait);
        var third = limiter.WaitAsync(route, CancellationToken.None);

        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        await third.WaitAsync(Wait);
    }

    [Fact]
    public async Task One_bucket_hash_is_still_split_by_its_major_parameter()
    {
        var limiter = new RestRateLimiter(_time);
        var channel5 = Route("POST", "/channels/5/messages");
        limiter.Observe(channel5, Bucket("shared-hash", remaining: 0, resetAfterSeconds: 60));

        await limiter.WaitAsync(Route("POST", "/channels/6/messages"), CancellationToken.None).WaitAsync(Wait);
        Assert.False(limiter.WaitAsync(channel5, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task One_exhausted_interaction_token_does_not_hold_up_another_users_edits()
    {
        var limiter = new RestRateLimiter(_time);
        var alice = Route("PATCH", "/webhooks/77/token-alice/messages/@original");
        var bob = Route("PATCH", "/webhooks/77/token-bob/messages/@original");
        limiter.Observe(alice, Bucket("webhook-hash", remaining: 0, resetAfterSeconds: 30));

        Assert.False(limiter.WaitAsync(alice, CancellationToken.None).IsCompleted);
        await limiter.WaitAsync(bob, CancellationToken.None).WaitAsync(Wait);
    }

    [Fact]
    public async Task The_global_limit_lets_50_bot_requests_a_second_through_and_no_more()
    {
        var limiter = new RestRateLimiter(_time);
        for (var i = 0; i < RestRateLimiter.DiscordGlobalRequestsPerSecond; i++)
        {
            await limiter.WaitAsync(Route("POST", $"/channels/{i}/messages"), CancellationToken.None).WaitAsync(Wait);
        }

        var fiftyFirst = limiter.WaitAsync(Route("POST", "/channels/999/messages"), CancellationToken.None);
        Assert.False(fiftyFirst.IsCompleted);

        // Interaction callbacks and webhooks are outside the global limit.
        await limiter.WaitAsync(Route("POST", "/interactions/1/tok/callback"), CancellationToken.None).WaitAsync(Wait);
        await limiter.WaitAsync(Route("PATCH", "/webhooks/77/tok/messages/@original"), CancellationToken.None).WaitAsync(Wait);

        _time.Advance(TimeSpan.FromSeconds(1));
        await fiftyFirst.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_instance_share_of_the_global_limit_holds_it_to_that_many_bot_requests_in_any_second()
    {
        // Five instances on one token: each takes 10 of Discord's 50 per second.
        var limiter = new RestRateLimiter(_time, RestRateLimiter.DefaultMaxBuckets, globalRequestsPerSecond: 10);
        for (var i = 0; i < 6; i++)
        {
            await limiter.WaitAsync(Route("POST", $"/channels/{i}/messages"), CancellationToken.None).WaitAsync(Wait);
        }

        _time.Advance(TimeSpan.FromSeconds(0.5));
        for (var i = 6; i < 10; i++)
        {
            await limiter.WaitAsync(Route("POST", $"/channels/{i}/messages"), CancellationToken.None).WaitAsync(Wait);
        }

        var eleventh = limiter.WaitAsync(Route("PUT", "/applications/77/commands"), CancellationToken.None);
        var twelfth = limiter.WaitAsync(Route("POST", "/channels/99/messages"), CancellationToken.None);
        Assert.False(eleventh.IsCompleted);

        // The share is only for globally limited routes: interaction endpoints still go at once.
        await limiter.WaitAsync(Route("POST", "/interactions/1/tok/callback"), CancellationToken.None).WaitAsync(Wait);
        await limiter.WaitAsync(Route("POST", "/webhooks/77/tok"), CancellationToken.None).WaitAsync(Wait);

        // A second after the first six, six places free up: both waiting requests go, and no more than that.
        _time.Advance(TimeSpan.FromSeconds(0.499));
        Assert.False(eleventh.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.001));
        await Task.WhenAll(eleventh, twelfth).WaitAsync(Wait);
        for (var i = 0; i < 4; i++)
        {
            await limiter.WaitAsync(Route("POST", $"/channels/{100 + i}/messages"), CancellationToken.None).WaitAsync(Wait);
        }

        Assert.False(limiter.WaitAsync(Route("POST", "/channels/200/messages"), CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void The_share_comes_from_Discord_GlobalRequestsPerSecond_and_must_be_at_least_one()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Discord:GlobalRequestsPerSecond", "25")])
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDiscordRest()
            .BuildServiceProvider();

        Assert.Equal(25, provider.GetRequiredService<RestRateLimiter>().GlobalRequestsPerSecond);
        Assert.Equal(50, new RestRateLimiter(_time).GlobalRequestsPerSecond);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestRateLimiter(_time, 10, globalRequestsPerSecond: 0));
    }

    [Fact]
    public async Task A_global_429_blocks_every_bot_route_for_retry_after_but_not_webhooks()
    {
        var limiter = new RestRateLimiter(_time);
        limiter.OnRateLimited(Route("POST", "/channels/5/messages"), TimeSpan.FromSeconds(1.5), global: true);

        var elsewhere = limiter.WaitAsync(Route("PUT", "/applications/77/commands"), CancellationToken.None);
        await limiter.WaitAsync(Route("POST", "/webhooks/77/tok"), CancellationToken.None).WaitAsync(Wait);
        _time.Advance(TimeSpan.FromSeconds(1.4));
        Assert.False(elsewhere.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        await elsewhere.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_bucket_429_blocks_only_that_bucket_for_retry_after()
    {
        var limiter = new RestRateLimiter(_time);
        var route = Route("POST", "/channels/5/messages");
        limiter.OnRateLimited(route, TimeSpan.FromSeconds(0.75), global: false);

        var same = limiter.WaitAsync(route, CancellationToken.None);
        await limiter.WaitAsync(Route("POST", "/channels/6/messages"), CancellationToken.None).WaitAsync(Wait);
        Assert.False(same.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.75));

        await same.WaitAsync(Wait);
    }

    [Theory]
    [InlineData("global", null, true)]
    [InlineData("user", null, false)]
    [InlineData("shared", null, false)]
    [InlineData(null, "true", true)]
    public void The_scope_headers_decide_whether_a_429_is_global(string? scope, string? globalHeader, bool global)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        if (scope is not null)
        {
            response.Headers.Add("X-RateLimit-Scope", scope);
        }

        if (globalHeader is not null)
        {
            response.Headers.Add("X-RateLimit-Global", globalHeader);
        }

        var headers = RateLimitHeaders.Read(response.Headers);

        Assert.Equal(global, headers.IsGlobalLimit);
        Assert.Equal(scope, headers.Scope);
    }

    [Fact]
    public void Headers_are_read_with_fractional_reset_and_the_bucket_hash()
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Bucket", "abcd1234");
        response.Headers.Add("X-RateLimit-Remaining", "3");
        response.Headers.Add("X-RateLimit-Reset-After", "1.250");

        var headers = RateLimitHeaders.Read(response.Headers);

        Assert.Equal("abcd1234", headers.Bucket);
        Assert.Equal(3, headers.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(1.25), headers.ResetAfter);
    }

    [Fact]
    public async Task Ten_thousand_interaction_tokens_leave_bounded_state()
    {
        const int maxBuckets = 1024;
        var limiter = new RestRateLimiter(_time, maxBuckets);
        for (var i = 0; i < 10_000; i++)
        {
            var edit = Route("PATCH", $"/webhooks/77/token-{i}/messages/@original");
            var callback = Route("POST", $"/interactions/{i}/token-{i}/callback");
            await limiter.WaitAsync(callback, CancellationToken.None);
            limiter.Observe(callback, Bucket("callback-hash", remaining: 0, resetAfterSeconds: 60));
            await limiter.WaitAsync(edit, CancellationToken.None);
            limiter.Observe(edit, Bucket("webhook-hash", remaining: 4, resetAfterSeconds: 60));
            Assert.InRange(limiter.TrackedBuckets, 0, maxBuckets);
            if (i % 100 == 0)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(maxBuckets, limiter.TrackedBuckets);
        Assert.Equal(2, limiter.TrackedRouteTemplates);

        // Once their resets pass, idle buckets are swept at the next answer: the state drains back to what is live.
        _time.Advance(TimeSpan.FromMinutes(2));
        limiter.Observe(Route("POST", "/channels/5/messages"), Bucket("b1", remaining: 4, resetAfterSeconds: 1));
        Assert.Equal(1, limiter.TrackedBuckets);
    }

    [Fact]
    public async Task Forgetting_the_least_recently_used_bucket_keeps_the_busy_ones()
    {
        var limiter = new RestRateLimiter(_time, maxBuckets: 2);
        var busy = Route("POST", "/channels/1/messages");
        limiter.Observe(busy, Bucket("b", remaining: 0, resetAfterSeconds: 60));
        _time.Advance(TimeSpan.FromSeconds(1));
        limiter.Observe(Route("POST", "/channels/2/messages"), Bucket("b", remaining: 0, resetAfterSeconds: 60));
        _time.Advance(TimeSpan.FromSeconds(1));
        limiter.Observe(busy, Bucket("b", remaining: 0, resetAfterSeconds: 60));
        _time.Advance(TimeSpan.FromSeconds(1));

        limiter.Observe(Route("POST", "/channels/3/messages"), Bucket("b", remaining: 0, resetAfterSeconds: 60));

        Assert.Equal(2, limiter.TrackedBuckets);
        Assert.False(limiter.WaitAsync(busy, CancellationToken.None).IsCompleted);
        await limiter.WaitAsync(Route("POST", "/channels/2/messages"), CancellationToken.None).WaitAsync(Wait);
    }

    private static RestRoute Route(string method, string path) => RestRoute.For(new HttpMethod(method), path);

    private static RateLimitHeaders Bucket(string hash, int remaining, double resetAfterSeconds) =>
        new(hash, remaining, TimeSpan.FromSeconds(resetAfterSeconds), "user", Global: false);
}
