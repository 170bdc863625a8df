using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Trivia;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// Live trivia through the real host over signed HTTP, on a fake clock (so a question's time runs out when the
/// test says so), with the fake Discord REST server receiving the timer's webhook edits and follow-ups.
/// </summary>
public sealed class TriviaEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly string Webhook = $"/webhooks/{TestUser.Application}";

    [Fact]
    public async Task Two_members_play_the_timer_reveals_with_citations_and_the_scores_reach_the_leaderboard()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await RunningBot.StartAsync(
            Transport.Http,
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

        var start = Alice.Command("trivia", InteractionDataOption.Subcommand(
            "start", InteractionDataOption.Integer("questions", 2), InteractionDataOption.Integer("seconds", 10)));
        var first = await bot.SendAsync(start);
        Assert.False(first.IsEphemeral());
        Assert.Contains("Question 1/2", first.Text(), StringComparison.Ordinal);

        var locked = await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: false)));
        Assert.True(locked.IsEphemeral());
        Assert.StartsWith("🔒 Locked in", locked.Data!.Content, StringComparison.Ordinal);

        var original = $"{Webhook}/{start.Token}/messages/@original";
        var reveal = await AdvanceUntilAsync(clock, bot.Rest, r => r.Is("PATCH", original));
        var revealScreen = Screen(reveal);
        AssertCites(revealScreen, TriviaScreen.QuestionOn(first));
        Assert.Contains("✅ Right: Alice +", revealScreen.Text(), StringComparison.Ordinal);
        Assert.Contains("(1 of 2 answered)", revealScreen.Text(), StringComparison.Ordinal);

        var secondPost = await bot.Rest.WaitForRequestAsync("POST", $"{Webhook}/{start.Token}");
        var second = Screen(secondPost);
        Assert.Contains("Question 2/2", second.Text(), StringComparison.Ordinal);
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(second, correctly: true)));

        // The second question is a follow-up, so its reveal edits that message by id, not @original.
        var followups = $"{Webhook}/{start.Token}/messages/";
        var lastReveal = await AdvanceUntilAsync(clock, bot.Rest, r => r.Method == "PATCH" && r.Path.StartsWith(followups, StringComparison.Ordinal) && r.Path != original);
        Assert.True(ulong.TryParse(lastReveal.Path[followups.Length..], out _), lastReveal.Path);
        AssertCites(Screen(lastReveal), TriviaScreen.QuestionOn(second));
        var standings = await bot.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"{Webhook}/{start.Token}" && r.Body.Contains("final standings", StringComparison.Ordinal));
        Assert.Contains("🥇 Alice", Screen(standings).Text(), StringComparison.Ordinal);

        var ended = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        Assert.Equal(TriviaView.GameEnded, ended.Data!.Content);

        var board = await bot.SendAsync(Bob.Command("leaderboard"));
        var lines = board.Data!.Embeds![0].Description!.Split('\n');
        Assert.StartsWith("🥇 Alice", lines[0], StringComparison.Ordinal);
        Assert.Contains("🥈 Bob", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Take(2), line => Assert.Contains("(2 answered)", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_between_a_deadline_and_its_reveal_reveals_once_after_it_with_the_stored_presses_then_the_game_goes_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new RestGate();
        await using var bot = await StartAsync(clock, gate);
        var start = Alice.Command("trivia", InteractionDataOption.Subcommand(
            "start", InteractionDataOption.Integer("questions", 2), InteractionDataOption.Integer("seconds", 10)));
        var first = await bot.SendAsync(start);
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: false)));

        // Time runs out; the round closes and its reveal is on its way to Discord when the bot goes down.
        gate.Hold(start.Token);
        await AdvanceUntilAsync(clock, () => gate.HoldingAsync(start.Token));
        var stored = await GameAsync(bot, first);
        Assert.True(stored.Rounds[0].IsClosed);
        Assert.False(stored.Rounds[0].IsRevealed);

        await bot.RestartAsync(() => gate.Open(start.Token));

        var original = $"{Webhook}/{start.Token}/messages/@original";
        var next = await bot.Rest.WaitForRequestAsync("POST", $"{Webhook}/{start.Token}");
        var reveal = Assert.Single(bot.Rest.Requests, r => r.Is("PATCH", original));
        Assert.Contains("✅ Right: Alice +", Screen(reveal).Text(), StringComparison.Ordinal);
        Assert.Contains("(1 of 2 answered)", Screen(reveal).Text(), StringComparison.Ordinal);
        AssertCites(Screen(reveal), TriviaScreen.QuestionOn(first));
        var second = Screen(next);
        Assert.Contains("Question 2/2", second.Text(), StringComparison.Ordinal);
        var locked = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        Assert.StartsWith("🔒 Locked in", locked.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_mid_round_keeps_the_rounds_deadline_and_its_presses()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await StartAsync(clock);
        var start = Alice.Command("trivia", InteractionDataOption.Subcommand(
            "start", InteractionDataOption.Integer("questions", 2), InteractionDataOption.Integer("seconds", 20)));
        var first = await bot.SendAsync(start);
        var deadline = clock.GetUtcNow().AddSeconds(20);
        clock.Advance(TimeSpan.FromSeconds(3));
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        await bot.RestartAsync(() => clock.Advance(TimeSpan.FromSeconds(5)));

        var locked = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        Assert.Equal(TriviaView.LockedIn(TriviaScreen.RightLabel(first), deadline), locked.Data!.Content);
        var original = $"{Webhook}/{start.Token}/messages/@original";
        var reveal = await AdvanceUntilAsync(clock, bot.Rest, r => r.Is("PATCH", original));
        Assert.InRange(clock.GetUtcNow(), deadline, deadline.AddSeconds(1));
        Assert.Contains("(2 of 2 answered)", Screen(reveal).Text(), StringComparison.Ordinal);
        Assert.Contains("Alice +", Screen(reveal).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_game_whose_token_expired_while_the_bot_was_down_ends_cleanly_with_its_standings_in_the_channel()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await StartAsync(clock);
        var start = Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 3)));
        var first = await bot.SendAsync(start);
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        await bot.RestartAsync(() => clock.Advance(TimeSpan.FromMinutes(16)));

        var standings = await bot.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"/channels/{start.ChannelId}/messages");
        Assert.Contains("final standings", standings.Body, StringComparison.Ordinal);
        Assert.Contains("🥇 Alice", Screen(standings).Text(), StringComparison.Ordinal);
        Assert.Contains("15 minutes for a game ran out", Screen(standings).Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Rest.Requests, r => r.Path.Contains(start.Token, StringComparison.Ordinal) && r.Method != "POST");
        var stored = await GameAsync(bot, first);
        Assert.Equal(TriviaEndReason.TokenExpired, stored.Game.EndReason);
        await WaitUntilAsync(async () => (await GameAsync(bot, first)).Game.InteractionToken is null);
        var press = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        Assert.Equal(TriviaView.GameEnded, press.Data!.Content);
        Assert.False((await bot.SendAsync(Bob.Command("trivia", InteractionDataOption.Subcommand("start")))).IsEphemeral());
    }

    [Fact]
    public async Task A_game_left_longer_than_the_grace_reveals_its_question_and_ends_with_the_standings_so_far()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await StartAsync(clock);
        var start = Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 3)));
        var first = await bot.SendAsync(start);
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        await bot.RestartAsync(() => clock.Advance(TimeSpan.FromMinutes(5)));

        var standings = await bot.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"{Webhook}/{start.Token}" && r.Body.Contains("final standings", StringComparison.Ordinal));
        var reveal = Assert.Single(bot.Rest.Requests, r => r.Is("PATCH", $"{Webhook}/{start.Token}/messages/@original"));
        Assert.Contains("✅ Right: Bob +", Screen(reveal).Text(), StringComparison.Ordinal);
        Assert.Empty(Screen(reveal).Buttons());
        Assert.Contains("🥇 Bob", Screen(standings).Text(), StringComparison.Ordinal);
        Assert.Contains("Ended after 1 question: the bot was away", Screen(standings).Text(), StringComparison.Ordinal);
        await WaitUntilAsync(async () => (await GameAsync(bot, first)).Game.InteractionToken is null);
    }

    [Fact]
    public async Task While_one_channels_webhook_hangs_another_channels_game_reveals_on_time_and_goes_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new RestGate();
        await using var bot = await StartAsync(clock, gate);
        var slowStart = Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 2)));
        var slow = await bot.SendAsync(slowStart);
        clock.Advance(TimeSpan.FromSeconds(5));
        var fastStart = Bob.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 2))) with { ChannelId = 444 };
        var fast = await bot.SendAsync(fastStart);
        var fastDeadline = clock.GetUtcNow().AddSeconds(20);
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(fast, correctly: true)));

        // The slow channel's reveal (due 5 s before the other's) hangs in Discord as a 20 s answer would.
        gate.Hold(slowStart.Token);
        await AdvanceUntilAsync(clock, () => gate.HoldingAsync(slowStart.Token));

        var reveal = await AdvanceUntilAsync(clock, bot.Rest, r => r.Is("PATCH", $"{Webhook}/{fastStart.Token}/messages/@original"), step: TimeSpan.FromMilliseconds(200));
        Assert.InRange(clock.GetUtcNow(), fastDeadline, fastDeadline.AddSeconds(1));
        Assert.Contains("✅ Right: Bob +", Screen(reveal).Text(), StringComparison.Ordinal);
        var next = await bot.Rest.WaitForRequestAsync("POST", $"{Webhook}/{fastStart.Token}");
        Assert.Contains("Question 2/2", Screen(next).Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Rest.Requests, r => r.Path.Contains(slowStart.Token, StringComparison.Ordinal));

        gate.Open(slowStart.Token);
        var slowReveal = await bot.Rest.WaitForRequestAsync("PATCH", $"{Webhook}/{slowStart.Token}/messages/@original");
        AssertCites(Screen(slowReveal), TriviaScreen.QuestionOn(slow));
    }

    private static Task<RunningBot> StartAsync(FakeTimeProvider clock, RestGate? gate = null) =>
        RunningBot.StartAsync(Transport.Http, builder =>
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            gate?.Install(builder.Services);
        });

    private static async Task<TriviaGameState> GameAsync(RunningBot bot, InteractionResponse screen)
    {
        using var store = Sqlite.SqliteStore.Open(bot.DatabasePath);
        return (await store.Trivia.GetAsync(TriviaScreen.GameIdOn(screen)))!;
    }

    /// <summary>Polls a stored condition the bot reaches on its own (its driver's last write), for at most a few seconds.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100 && !await condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }

    /// <summary>Moves the fake clock a second at a time until <paramref name="reached"/> completes.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<Task> reached)
    {
        for (var tick = 0; tick < 60; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            if (await Task.WhenAny(reached(), Task.Delay(150)) == reached())
            {
                return;
            }
        }

        await reached().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Moves the fake clock a second at a time, as a real clock would, until the bot has sent a matching request.
    /// (Jumping straight to the deadline could race the timer arming itself a moment later.)
    /// </summary>
    private static async Task<RecordedRequest> AdvanceUntilAsync(FakeTimeProvider clock, FakeDiscordRestServer rest, Func<RecordedRequest, bool> match, TimeSpan? step = null)
    {
        for (var tick = 0; tick < 300; tick++)
        {
            clock.Advance(step ?? TimeSpan.FromSeconds(1));
            try
            {
                return await rest.WaitForRequestAsync(match, TimeSpan.FromMilliseconds(150));
            }
            catch (TimeoutException)
            {
                // Not yet: the question's time has not run out on the fake clock.
            }
        }

        return await rest.WaitForRequestAsync(match);
    }

    private static InteractionResponse Screen(RecordedRequest request)
    {
        var payload = JsonSerializer.Deserialize(request.Body, DiscordJsonContext.Default.MessagePayload)!;
        DiscordLimits.AssertWithin(payload);
        return InteractionResponse.Message(payload);
    }

    private static void AssertCites(InteractionResponse reveal, Core.Decks.Question question)
    {
        var description = reveal.Data!.Embeds![0].Description!;
        Assert.Contains(question.Prompt, description, StringComparison.Ordinal);
        foreach (var line in RealDeck.ExpectedCitationLines(RealDeck.FactOf(question)))
        {
            Assert.Contains(line, description, StringComparison.Ordinal);
        }
    }
}
