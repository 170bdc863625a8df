using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using QuizBot.Core.Decks;
using QuizBot.Core.Ports;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

/// <summary>/quizadmin daily and the daily question's buttons, through the pipeline on SQLite.</summary>
public sealed class DailyModuleTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly TestUser Carol = new(505, "Carol");
    private static readonly TestUser Moderator = new(303, "Mod", permissions: Permissions.ManageGuild);
    private static readonly string Scope = TestUser.Guild.ToString(CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Eight = new(2025, 3, 12, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Daily_is_refused_without_Manage_Server_and_changes_nothing()
    {
        using var harness = WithToken(Eight);

        var refused = await harness.SendAsync(Alice.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 777))));

        Assert.Equal(AdminModule.NeedsManageServer, refused.Data!.Content);
        Assert.True(refused.IsEphemeral());
        Assert.Null((await harness.Store.Guilds.GetSettingsAsync(Scope)).DailyChannelId);
    }

    [Fact]
    public async Task Daily_stores_the_channel_and_hour_and_says_when_the_next_question_comes()
    {
        using var harness = WithToken(Eight);

        var evening = await harness.SendAsync(Moderator.Command(
            "quizadmin", Daily(InteractionDataOption.Channel("channel", 777), InteractionDataOption.Integer("hour-utc", 18))));

        Assert.True(evening.IsEphemeral());
        Assert.Equal(new GuildSettings(Scope, "777", 18, null), await harness.Store.Guilds.GetSettingsAsync(Scope));
        var todayAt18 = new DateTimeOffset(2025, 3, 12, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Contains("<#777>", evening.Text(), StringComparison.Ordinal);
        Assert.Contains("18:00 UTC", evening.Text(), StringComparison.Ordinal);
        Assert.Contains($"<t:{todayAt18}:F>", evening.Text(), StringComparison.Ordinal);

        // Another channel without an hour keeps the hour; settings show both.
        await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 999))));
        Assert.Equal(new GuildSettings(Scope, "999", 18, null), await harness.Store.Guilds.GetSettingsAsync(Scope));
        var settings = await harness.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("settings")));
        Assert.Contains("<#999>", settings.Text(), StringComparison.Ordinal);
        Assert.Contains("18:00 UTC", settings.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hour_defaults_to_9_and_a_passed_hour_means_the_next_minute_or_tomorrow()
    {
        using var harness = WithToken(new DateTimeOffset(2025, 3, 12, 10, 30, 20, TimeSpan.Zero));

        var set = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 777))));

        Assert.Equal(9, (await harness.Store.Guilds.GetSettingsAsync(Scope)).DailyHourUtc);
        var nextMinute = new DateTimeOffset(2025, 3, 12, 10, 31, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Contains($"<t:{nextMinute}:F>", set.Text(), StringComparison.Ordinal);

        await PostTodayAsync(harness);
        var again = await harness.SendAsync(Moderator.Command("quizadmin", Daily()));
        var tomorrowAt9 = new DateTimeOffset(2025, 3, 13, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Contains($"<t:{tomorrowAt9}:F>", again.Text(), StringComparison.Ordinal);
        var settings = await harness.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("settings")));
        Assert.Contains("2025-03-12: posted", settings.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_clears_the_channel_and_bad_input_changes_nothing()
    {
        using var harness = WithToken(Eight);
        await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 777), InteractionDataOption.Integer("hour-utc", 7))));

        var voice = Moderator.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 555)));
        voice = voice with
        {
            Data = voice.Data! with { Resolved = new ResolvedData { Channels = new Dictionary<ulong, Channel> { [555] = new() { Id = 555, Type = ChannelType.GuildVoice } } } },
        };
        var refusedVoice = await harness.SendAsync(voice);
        var refusedHour = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Integer("hour-utc", 24))));
        Assert.Equal(DailyAdminCommand.NotATextChannel, refusedVoice.Data!.Content);
        Assert.Contains("0 to 23", refusedHour.Data!.Content, StringComparison.Ordinal);
        Assert.Equal(new GuildSettings(Scope, "777", 7, null), await harness.Store.Guilds.GetSettingsAsync(Scope));

        var off = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Boolean("off", true))));
        Assert.Contains("is off", off.Data!.Content, StringComparison.Ordinal);
        Assert.Equal(new GuildSettings(Scope, null, 7, null), await harness.Store.Guilds.GetSettingsAsync(Scope));
        var offAgain = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Boolean("off", true))));
        Assert.Equal(DailyAdminCommand.AlreadyOff, offAgain.Data!.Content);

        var hourOnly = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Integer("hour-utc", 12))));
        Assert.Equal(DailyAdminCommand.ChooseAChannel, hourOnly.Data!.Content);
        Assert.Equal(new GuildSettings(Scope, null, 7, null), await harness.Store.Guilds.GetSettingsAsync(Scope));
    }

    [Fact]
    public async Task Without_the_bot_token_daily_says_the_token_is_needed()
    {
        using var harness = new PipelineHarness(Eight);

        var response = await harness.SendAsync(Moderator.Command("quizadmin", Daily(InteractionDataOption.Channel("channel", 777))));

        Assert.Equal(DailyAdminCommand.TokenNeeded, response.Data!.Content);
        Assert.Null((await harness.Store.Guilds.GetSettingsAsync(Scope)).DailyChannelId);
    }

    [Fact]
    public async Task A_member_answers_once_a_day_with_a_cited_reveal_that_scores_and_yesterday_s_question_closes()
    {
        using var harness = WithToken(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero));
        await harness.Store.Guilds.SaveSettingsAsync(new GuildSettings(Scope, "777", 9, null));
        var post = await PostTodayAsync(harness);
        var daily = (await harness.Store.Guilds.GetDailyQuestionAsync(Scope, new DateOnly(2025, 3, 12)))!;
        var question = RealDeck.All.SelectMany(d => d.Questions).Single(q => q.Id == daily.QuestionId);
        var fact = RealDeck.FactOf(question);
        var buttons = post.Components!.SelectMany(r => r.Components!).ToList();
        var right = buttons.Single(b => ShowsAnswer(b.Label!, question));
        var wrong = buttons.First(b => b != right);

        var reveal = await harness.SendAsync(Alice.Click(right.CustomId!));
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await harness.SendAsync(Alice.Click(wrong.CustomId!));
        var missed = await harness.SendAsync(Bob.Click(wrong.CustomId!));

        Assert.True(reveal.IsEphemeral());
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reveal.Type);
        Assert.StartsWith("✅", reveal.Data!.Embeds![0].Title, StringComparison.Ordinal);
        Assert.Contains(question.Prompt, reveal.Text(), StringComparison.Ordinal);
        Assert.All(RealDeck.ExpectedCitationLines(fact), line => Assert.Contains(line, reveal.Text(), StringComparison.Ordinal));
        Assert.True(second.IsEphemeral());
        Assert.StartsWith(DailyView.AlreadyAnsweredStart + " ✅", second.Data!.Content, StringComparison.Ordinal);
        Assert.All(RealDeck.ExpectedCitationLines(fact), line => Assert.Contains(line, second.Text(), StringComparison.Ordinal));
        Assert.StartsWith("❌", missed.Data!.Embeds![0].Title, StringComparison.Ordinal);

        var now = harness.Time.GetUtcNow();
        var alice = await harness.Store.Stats.GetStatsAsync(new(Scope, Alice.UserId), now);
        var bob = await harness.Store.Stats.GetStatsAsync(new(Scope, Bob.UserId), now);
        Assert.Equal((1, 1), (alice.Answered, alice.Correct));
        Assert.True(alice.Points > 0);
        Assert.Equal((1, 0, 0), (bob.Answered, bob.Correct, bob.Points));
        var board = await harness.Store.Stats.GetLeaderboardAsync(Scope, LeaderboardPeriod.All, LeaderboardMetric.Points, Alice.UserId, 0, 10, now);
        Assert.Equal(Alice.UserId, board.Rows[0].UserId);
        var session = await harness.Store.Quizzes.GetSessionAsync($"daily:{Scope}:2025-03-12:{Alice.UserId}");
        Assert.Equal(Core.Quiz.QuizMode.Daily, session!.Mode);

        // The next day, yesterday's buttons close; nothing is scored.
        harness.Time.Advance(TimeSpan.FromDays(1));
        var closed = await harness.SendAsync(Carol.Click(right.CustomId!));
        Assert.Equal("This daily question has closed — a new one comes at 09:00 UTC.", closed.Data!.Content);
        Assert.True(closed.IsEphemeral());
        Assert.Equal(0, (await harness.Store.Stats.GetStatsAsync(new(Scope, Carol.UserId), harness.Time.GetUtcNow())).Answered);
    }

    [Fact]
    public async Task A_button_without_a_posted_question_or_from_the_future_changes_nothing()
    {
        using var harness = WithToken(Eight);

        var unknownDay = await harness.SendAsync(Alice.Click(DailyIds.Choice(new DateOnly(2025, 3, 12), 0).ToString()));
        var future = await harness.SendAsync(Alice.Click(DailyIds.Choice(new DateOnly(2025, 3, 13), 0).ToString()));
        var garbage = await harness.SendAsync(Alice.Click("d1:not-a-date:a:0"));

        Assert.Equal(DailyView.NotAvailable, unknownDay.Data!.Content);
        Assert.True(future.IsEphemeral());
        Assert.True(garbage.IsEphemeral());
        Assert.Equal(0, (await harness.Store.Stats.GetStatsAsync(new(Scope, Alice.UserId), Eight)).Answered);
    }

    private static PipelineHarness WithToken(DateTimeOffset start) =>
        new(start, services => services.AddSingleton(new BotTokenStatus(IsSet: true)));

    private static InteractionDataOption Daily(params InteractionDataOption[] options) => InteractionDataOption.Subcommand("daily", options);

    /// <summary>Runs the real poster against the harness's database and returns what it posted.</summary>
    private static async Task<MessagePayload> PostTodayAsync(PipelineHarness harness)
    {
        MessagePayload? posted = null;
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.Setup(r => r.CreateMessageOnceAsync(777, It.IsAny<NoncedMessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback((ulong _, NoncedMessagePayload payload, CancellationToken _) => posted = payload)
            .ReturnsAsync(new Message { Id = 4242, ChannelId = 777 });
        var poster = new DailyQuestionPoster(
            harness.Store.Guilds, rest.Object, harness.Get<DailyPicker>(), new BotTokenStatus(true), harness.Time, NullLogger<DailyQuestionPoster>.Instance);
        Assert.Equal(1, await poster.PostDueAsync(CancellationToken.None));
        return posted!;
    }

    /// <summary>Whether a button's label names the right answer (read from the deck, not from the bot's judge).</summary>
    private static bool ShowsAnswer(string label, Question question)
    {
        if (question.Kind == QuestionKind.TrueFalse)
        {
            return label == (string.Equals(question.Answer, "true", StringComparison.OrdinalIgnoreCase) ? "True" : "False");
        }

        var text = label[(label.IndexOf('·', StringComparison.Ordinal) + 2)..].TrimEnd('…');
        return question.Answer.StartsWith(text, StringComparison.Ordinal)
            && question.Choices.Count(c => c.StartsWith(text, StringComparison.Ordinal)) == 1;
    }
}
