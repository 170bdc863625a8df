using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>The question of the day through the real host: set, posted to the channel by the hosted poster, answered.</summary>
public sealed class DailyEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Moderator = new(303, "Mod", permissions: Permissions.ManageGuild);

    [Fact]
    public async Task With_the_gateway_the_daily_question_is_posted_and_answered()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Gateway);

        var set = await bot.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand(
            "daily", InteractionDataOption.Channel("channel", 777), InteractionDataOption.Integer("hour-utc", 0))));
        Assert.Contains("<#777>", set.Data!.Content, StringComparison.Ordinal);

        // The poster looks at start and then every minute; a restart makes it look now.
        await bot.RestartAsync();
        var post = await bot.Rest.WaitForRequestAsync("POST", "/channels/777/messages", TimeSpan.FromSeconds(20));
        var payload = JsonSerializer.Deserialize(post.Body, DiscordJsonContext.Default.MessagePayload)!;
        Assert.Equal(DailyView.PostTitle, payload.Embeds![0].Title);
        Assert.Single(bot.Rest.Requests, r => r.Method == "POST" && r.Path == "/channels/777/messages");

        var button = payload.Components![0].Components![0].CustomId!;
        var reveal = await bot.SendAsync(Alice.Click(button));
        Assert.True(reveal.IsEphemeral());
        Assert.Contains("Question of the day", reveal.Text(), StringComparison.Ordinal);
        var again = await bot.SendAsync(Alice.Click(button));
        Assert.StartsWith(DailyView.AlreadyAnsweredStart, again.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_HTTP_mode_without_a_token_daily_says_the_token_is_needed()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);

        var response = await bot.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("daily", InteractionDataOption.Channel("channel", 777))));

        Assert.Equal(DailyAdminCommand.TokenNeeded, response.Data!.Content);
    }
}
