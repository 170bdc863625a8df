using System.Net;
using Microsoft.Extensions.Logging;
using Moq;
using QuizBot.Core.Decks;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Interactions;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Daily;

public sealed class DailyQuestionPosterTests
{
    private static readonly DateTimeOffset Morning = new(2025, 3, 12, 8, 59, 30, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 3, 12);

    [Fact]
    public async Task Posts_at_the_hour_not_before_and_once_per_day()
    {
        using var fixture = new PosterFixture(Morning);
        await fixture.DailyAsync("g1", 777, 9);

        Assert.Equal(0, await fixture.Poster.PostDueAsync(CancellationToken.None));
        Assert.Empty(fixture.Posts);

        fixture.Time.Advance(TimeSpan.FromSeconds(30)); // 09:00:00
        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await fixture.Poster.PostDueAsync(CancellationToken.None));

        var (channel, payload) = Assert.Single(fixture.Posts);
        Assert.Equal(777UL, channel);
        Assert.Null(payload.Flags); // public, in the channel
        Assert.Equal(DailyView.PostTitle, payload.Embeds![0].Title);
        DiscordLimits.AssertWithin(payload);

        var stored = await fixture.Store.Guilds.GetDailyQuestionAsync("g1", Today);
        Assert.NotNull(stored);
        Assert.True(stored.IsPosted);
        var question = RealDeck.All.SelectMany(d => d.Questions).Single(q => q.Id == stored.QuestionId);
        Assert.Contains(question.Prompt, payload.Embeds[0].Description!, StringComparison.Ordinal);
        Assert.True(DailySchedule.IsButtonAnswerable(question));
        var buttons = payload.Components!.SelectMany(r => r.Components!).ToList();
        Assert.Equal(question.Kind == QuestionKind.TrueFalse ? 2 : question.Choices.Count, buttons.Count);
        Assert.All(buttons, b =>
        {
            Assert.True(CustomId.TryParse(b.CustomId, out var id));
            Assert.Equal(DailyIds.Area, id.Area);
            Assert.Equal("2025-03-12", id.Key);
        });
    }

    [Fact]
    public async Task Each_guild_s_post_carries_its_own_day_s_nonce_so_a_retried_post_shows_once()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(30));
        await fixture.DailyAsync("g1", 777, 9);
        await fixture.DailyAsync("g2", 778, 9);

        Assert.Equal(2, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await fixture.Poster.PostDueAsync(CancellationToken.None));

        var nonces = fixture.Posts.Select(p => Assert.IsType<NoncedMessagePayload>(p.Payload)).ToList();
        Assert.All(nonces, p => Assert.True(p.EnforceNonce));
        Assert.All(nonces, p => Assert.InRange(p.Nonce.Length, 1, NoncedMessagePayload.MaxNonceLength));
        Assert.Equal(4, nonces.Select(p => p.Nonce).Distinct(StringComparer.Ordinal).Count());
        // Each post's nonce is its own guild's and day's, so a retry of the same post sends the same one.
        var expected = new[] { ("g1", 777UL), ("g2", 778UL) }
            .SelectMany(g => new[] { Today, Today.AddDays(1) }.Select(day => (g.Item2, DailyQuestionPoster.Nonce(g.Item1, day))))
            .Order()
            .ToList();
        Assert.Equal(expected, fixture.Posts.Select(p => (p.ChannelId, ((NoncedMessagePayload)p.Payload).Nonce)).Order().ToList());
    }

    [Fact]
    public async Task Resumes_the_next_day_with_another_question_at_the_guild_s_own_hour()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(30));
        await fixture.DailyAsync("g1", 777, 9);
        await fixture.DailyAsync("g2", 888, 18);

        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromHours(9)); // 18:00
        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromHours(14)); // 08:00 the next day
        Assert.Equal(0, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromHours(1)); // 09:00
        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));

        Assert.Equal([777UL, 888UL, 777UL], fixture.Posts.Select(p => p.ChannelId));
        var first = await fixture.Store.Guilds.GetDailyQuestionAsync("g1", Today);
        var second = await fixture.Store.Guilds.GetDailyQuestionAsync("g1", Today.AddDays(1));
        Assert.NotEqual(first!.QuestionId, second!.QuestionId);
    }

    [Fact]
    public async Task Skips_guilds_without_a_channel()
    {
        using var fixture = new PosterFixture(Morning.AddHours(3));
        await fixture.DailyAsync("no-channel", null, 0);
        await fixture.DailyAsync("g1", 777, 0);

        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));

        Assert.Equal(777UL, Assert.Single(fixture.Posts).ChannelId);
        Assert.Null(await fixture.Store.Guilds.GetDailyQuestionAsync("no-channel", Today));
    }

    [Fact]
    public async Task A_refused_post_is_logged_recorded_and_tried_again_the_next_day_while_others_go_out()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(30));
        await fixture.DailyAsync("g-forbidden", 403, 9);
        await fixture.DailyAsync("g-gone", 404, 9);
        await fixture.DailyAsync("g-ok", 200, 9);
        fixture.Refuse(403, HttpStatusCode.Forbidden);
        fixture.Refuse(404, HttpStatusCode.NotFound);

        Assert.Equal(1, await fixture.Poster.PostDueAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await fixture.Poster.PostDueAsync(CancellationToken.None));

        Assert.Equal(200UL, Assert.Single(fixture.Posts).ChannelId);
        Assert.Equal(3, fixture.Rest.Invocations.Count); // the refused channels were not retried a minute later
        var forbidden = await fixture.Store.Guilds.GetDailyQuestionAsync("g-forbidden", Today);
        Assert.StartsWith("403: the bot may not post there", forbidden!.Failure, StringComparison.Ordinal);
        Assert.StartsWith("404: the channel no longer exists", (await fixture.Store.Guilds.GetDailyQuestionAsync("g-gone", Today))!.Failure, StringComparison.Ordinal);
        var warnings = fixture.Logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => Equals(w.State["Scope"], "g-forbidden") && Equals(w.State["Status"], 403) && w.Message.Contains("tried again tomorrow", StringComparison.Ordinal));
        Assert.Contains(warnings, w => Equals(w.State["Scope"], "g-gone") && Equals(w.State["Status"], 404));

        // The next day the access was fixed: the guild gets its question.
        fixture.Allow(403);
        fixture.Time.Advance(TimeSpan.FromDays(1));
        await fixture.Poster.PostDueAsync(CancellationToken.None);
        Assert.Contains(fixture.Posts, p => p.ChannelId == 403);
        Assert.True((await fixture.Store.Guilds.GetDailyQuestionAsync("g-forbidden", Today.AddDays(1)))!.IsPosted);
    }

    [Fact]
    public async Task An_unreachable_Discord_is_recorded_as_a_failure_too()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(30));
        await fixture.DailyAsync("g1", 777, 9);
        fixture.Rest.Setup(r => r.CreateMessageOnceAsync(777, It.IsAny<NoncedMessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));

        Assert.Equal(0, await fixture.Poster.PostDueAsync(CancellationToken.None));

        Assert.Contains("could not be reached", (await fixture.Store.Guilds.GetDailyQuestionAsync("g1", Today))!.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosted_poster_wakes_on_the_minute_and_posts_when_the_hour_comes()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(-30)); // 08:59:00
        await fixture.DailyAsync("g1", 777, 9);
        var posted = fixture.NextPost.Task;

        await fixture.Poster.StartAsync(CancellationToken.None);
        try
        {
            // 08:59:00: nothing is due yet, so the poster waits for the next minute; move the clock only once it waits.
            await fixture.Time.TimerCreatedAsync();
            Assert.False(posted.IsCompleted);
            fixture.Time.Advance(TimeSpan.FromMinutes(1));

            Assert.Equal(777UL, await posted.WaitAsync(TimeSpan.FromSeconds(30)));
            await fixture.Time.TimerCreatedAsync(); // posted, and waiting for 09:01
        }
        finally
        {
            await fixture.Poster.StopAsync(CancellationToken.None);
        }

        Assert.True(fixture.Poster.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(fixture.Posts);
    }

    [Fact]
    public async Task Without_the_bot_token_it_stays_idle_and_quiet_the_settings_summary_said_it_once()
    {
        using var fixture = new PosterFixture(Morning.AddHours(1), token: false);
        await fixture.DailyAsync("g1", 777, 9);

        await fixture.Poster.StartAsync(CancellationToken.None);
        await fixture.Poster.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));
        fixture.Time.Advance(TimeSpan.FromHours(2));
        await fixture.Poster.StopAsync(CancellationToken.None);

        Assert.Empty(fixture.Logger.Entries);
        fixture.Rest.Verify(r => r.CreateMessageOnceAsync(It.IsAny<ulong>(), It.IsAny<NoncedMessagePayload>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Null(await fixture.Store.Guilds.GetDailyQuestionAsync("g1", Today));
    }

    [Fact]
    public async Task Two_posters_on_one_database_post_a_day_once()
    {
        using var first = new PosterFixture(Morning.AddSeconds(30));
        using var second = new PosterFixture(Morning.AddSeconds(30), store: first.Store);
        await first.DailyAsync("g1", 777, 9);

        var counts = await Task.WhenAll(first.Poster.PostDueAsync(CancellationToken.None), second.Poster.PostDueAsync(CancellationToken.None));

        Assert.Equal(1, counts.Sum());
        Assert.Single(first.Posts.Concat(second.Posts));
    }

    [Fact]
    public async Task A_failing_look_at_the_store_is_logged_and_the_next_minute_tries_again()
    {
        using var fixture = new PosterFixture(Morning.AddSeconds(30));
        var calls = 0;
        var guilds = new Mock<QuizBot.Core.Ports.IGuildStore>();
        guilds.Setup(g => g.GetDailyQuestionsDueAsync(It.IsAny<DateOnly>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("database is locked")
                : Task.FromResult<IReadOnlyList<QuizBot.Core.Ports.GuildSettings>>([]));
        var logger = new RecordingLogger<DailyQuestionPoster>();
        var poster = new DailyQuestionPoster(
            guilds.Object, fixture.Rest.Object, new DailyPicker(new QuizBot.Content.DeckLibrary(RealDeck.All).Catalog), new BotTokenStatus(true), fixture.Time, logger);

        await poster.StartAsync(CancellationToken.None);
        try
        {
            await fixture.Time.TimerCreatedAsync(); // the first look failed, and the poster waits for the next minute
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await fixture.Time.TimerCreatedAsync(); // the second look is done
        }
        finally
        {
            await poster.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, Volatile.Read(ref calls));
        Assert.True(poster.ExecuteTask!.IsCompletedSuccessfully);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }
}
