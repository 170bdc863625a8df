using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
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
        var lines = board.Data!.Embeds![^1].Description!.Split('\n');
        Assert.StartsWith("🥇 Alice", lines[0], StringComparison.Ordinal);
        Assert.Contains("🥈 Bob", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Take(2), line => Assert.Contains("(2 answered)", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_ends_the_game_but_keeps_the_answers_already_given()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        var first = await bot.SendAsync(Alice.Command("trivia", InteractionDataOption.Subcommand("start")));
        await bot.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        await bot.RestartAsync();

        var press = await bot.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        Assert.True(press.IsEphemeral());
        Assert.Equal(TriviaView.GameEnded, press.Data!.Content);
        var stats = await bot.SendAsync(Alice.Command("stats"));
        Assert.Contains("100% (1/1)", stats.Text(), StringComparison.Ordinal);
        var again = await bot.SendAsync(Bob.Command("trivia", InteractionDataOption.Subcommand("start")));
        Assert.False(again.IsEphemeral());
    }

    /// <summary>
    /// Moves the fake clock a second at a time, as a real clock would, until the bot has sent a matching request.
    /// (Jumping straight to the deadline could race the timer arming itself a moment later.)
    /// </summary>
    private static async Task<RecordedRequest> AdvanceUntilAsync(FakeTimeProvider clock, FakeDiscordRestServer rest, Func<RecordedRequest, bool> match)
    {
        for (var tick = 0; tick < 60; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
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
