using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Trivia;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
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

    /// <summary>Real time allowed for the bot to react on a loaded machine; the fake clock does not move meanwhile.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

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
        var deadline = clock.GetUtcNow().AddSeconds(10);
        Assert.False(first.IsEphemeral());
        Assert.Contains("Question 1/2", first.Text(), StringComparison.Ordinal);

        var locked = await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: false)));
        Assert.True(locked.IsEphemeral());
        Assert.StartsWith("🔒 Locked in", locked.Data!.Content, StringComparison.Ordinal);

        var original = $"{Webhook}/{start.Token}/messages/@original";
        AdvanceTo(bot, clock, deadline);
        var reveal = await bot.Rest.WaitForRequestAsync(r => r.Is("PATCH", original), Patience);
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
        var secondDeadline = (await GameAsync(bot, first)).Rounds[1].Deadline!.Value;
        AdvanceTo(bot, clock, secondDeadline);
        var lastReveal = await bot.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.StartsWith(followups, StringComparison.Ordinal) && r.Path != original, Patience);
        Assert.True(ulong.TryParse(lastReveal.Path[followups.Length..], out _), lastReveal.Path);
        AssertCites(Screen(lastReveal), TriviaScreen.QuestionOn(second));
        var standings = await bot.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"{Webhook}/{start.Token}" && r.Body.Contains("final standings", StringComparison.Ordinal));
        Assert.Contains("🥇 Alice", Screen(standings).Text(), StringComparison.Ordinal);

        var ended = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        Assert.Equal(TriviaView.GameEnded, ended.Data!.Content);

        var board = await bot.SendAsync(Bob.Command("leaderboard"));
        var lines = board.Data!.Embeds![^1].Description!.Split('\n');
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
        var deadline = clock.GetUtcNow().AddSeconds(10);
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: false)));

        // Time runs out; the round closes and its reveal is on its way to Discord when the bot goes down.
        gate.Hold(start.Token);
        AdvanceTo(bot, clock, deadline);
        await gate.HoldingAsync(start.Token).WaitAsync(Patience);
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

        // Its deadline is the one set at the start, not the restart's time plus 20 s.
        AdvanceTo(bot, clock, deadline);
        var reveal = await bot.Rest.WaitForRequestAsync("PATCH", $"{Webhook}/{start.Token}/messages/@original", Patience);
        Assert.Equal(deadline, clock.GetUtcNow());
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
        var stored = await AfterItsDriverAsync(bot, first);
        Assert.Equal(TriviaEndReason.TokenExpired, stored.Game.EndReason);
        Assert.Null(stored.Game.InteractionToken);
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
        Assert.Null((await AfterItsDriverAsync(bot, first)).Game.InteractionToken);
    }

    [Fact]
    public async Task While_one_channels_webhook_hangs_another_channels_game_reveals_on_time_and_goes_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new RestGate();
        await using var bot = await StartAsync(clock, gate);
        var slowStart = Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 2)));
        var slow = await bot.SendAsync(slowStart);
        var slowDeadline = clock.GetUtcNow().AddSeconds(20);
        clock.Advance(TimeSpan.FromSeconds(5));
        var fastStart = Bob.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", 2))) with { ChannelId = 444 };
        var fast = await bot.SendAsync(fastStart);
        var fastDeadline = clock.GetUtcNow().AddSeconds(20);
        await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(fast, correctly: true)));

        // The slow channel's reveal (due 5 s before the other's) hangs in Discord as a 20 s answer would.
        gate.Hold(slowStart.Token);
        AdvanceTo(bot, clock, slowDeadline);
        await gate.HoldingAsync(slowStart.Token).WaitAsync(Patience);

        // The clock stops at the other game's deadline: its reveal must come with no more time passing.
        AdvanceTo(bot, clock, fastDeadline);
        var reveal = await bot.Rest.WaitForRequestAsync(r => r.Is("PATCH", $"{Webhook}/{fastStart.Token}/messages/@original"), Patience);
        Assert.Equal(fastDeadline, clock.GetUtcNow());
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

    /// <summary>
    /// The stored game once the driver that is advancing it has stopped (its last write done): called after a request
    /// that driver sent, so the driver is running or done, and a finished game gets no new one.
    /// </summary>
    private static async Task<TriviaGameState> AfterItsDriverAsync(RunningBot bot, InteractionResponse screen)
    {
        if (bot.Service<TriviaScheduler>().DriverOf(TriviaScreen.GameIdOn(screen)) is { } driver)
        {
            await driver.WaitAsync(Patience);
        }

        return await GameAsync(bot, screen);
    }

    /// <summary>
    /// Moves the fake clock to exactly <paramref name="time"/>, then wakes the trivia scheduler: a timer it armed fires,
    /// one it was about to arm from the old time is cut short by the wake-up, and its next pass sees the new time.
    /// </summary>
    private static void AdvanceTo(RunningBot bot, FakeTimeProvider clock, DateTimeOffset time)
    {
        var step = time - clock.GetUtcNow();
        Assert.True(step >= TimeSpan.Zero, $"the clock is already {step.Negate()} past {time:O}");
        clock.Advance(step);
        bot.Service<TriviaWakeUp>().Signal();
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
