using System.Globalization;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

public sealed class OtherModulesTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly TestUser Moderator = new(303, "Mod", permissions: Permissions.ManageGuild);
    private static readonly TestUser DmUser = new(404, "Dee", guildId: null);

    [Fact]
    public async Task Study_shows_the_front_then_the_back_then_stores_the_rating_and_moves_on()
    {
        using var harness = new PipelineHarness();

        var front = await harness.SendAsync(Alice.Command("study"));
        Assert.True(front.IsEphemeral());
        var fact = RealDeck.First.Facts.Single(f => front.Text().Contains(f.Card.Front, StringComparison.Ordinal) && !front.Text().Contains(f.Card.Back, StringComparison.Ordinal));

        var back = await harness.SendAsync(Alice.Click(front.ButtonId(StudyView.ShowAnswerLabel)));
        Assert.Equal(InteractionCallbackType.UpdateMessage, back.Type);
        Assert.Contains(fact.Card.Back, back.Text(), StringComparison.Ordinal);
        Assert.All(RealDeck.ExpectedCitationLines(fact), line => Assert.Contains(line, back.Text(), StringComparison.Ordinal));
        Assert.Equal(["Again · 1m", "Hard · 6m", "Good · 10m"], back.Buttons().Take(3).Select(b => b.Label));

        var next = await harness.SendAsync(Alice.Click(back.ButtonId("Good")));
        Assert.Contains("Rated **Good**", next.Data!.Content, StringComparison.Ordinal);
        var cards = await harness.Store.Study.GetCardsAsync(new(TestUser.Guild.ToString(CultureInfo.InvariantCulture), Alice.UserId));
        Assert.Equal(harness.Time.GetUtcNow().AddMinutes(10), cards[fact.Id].Due);

        var again = await harness.SendAsync(Alice.Click(back.ButtonId("Easy")));
        Assert.Equal(StudyModule.AlreadyRated, again.Data!.Content);
        Assert.Equal(harness.Time.GetUtcNow().AddMinutes(10), (await harness.Store.Study.GetCardsAsync(new(TestUser.Guild.ToString(CultureInfo.InvariantCulture), Alice.UserId)))[fact.Id].Due);
    }

    [Fact]
    public async Task Another_user_cannot_press_study_buttons()
    {
        using var harness = new PipelineHarness();
        var front = await harness.SendAsync(Alice.Command("study"));

        var response = await harness.SendAsync(Bob.Click(front.ButtonId(StudyView.ShowAnswerLabel)));

        Assert.Equal(Replies.NotYourButtons, response.Data!.Content);
    }

    [Fact]
    public async Task Leaderboard_and_stats_reflect_answers_of_several_users()
    {
        using var harness = new PipelineHarness();
        foreach (var (user, right) in new[] { (Alice, 3), (Bob, 1) })
        {
            var play = new QuizPlaythrough(harness.SendAsync, user);
            var screen = await harness.SendAsync(user.Command("quiz", InteractionDataOption.Integer("length", 3)));
            for (var i = 0; i < 3; i++)
            {
                // The reply shows the next question below the reveal.
                screen = await play.AnswerAsync(screen, correctly: i < right);
            }
        }

        var board = await harness.SendAsync(Bob.Command("leaderboard", InteractionDataOption.String("period", "week")));
        Assert.False(board.IsEphemeral());
        var text = board.Data!.Embeds![^1].Description!;
        Assert.StartsWith("🥇 Alice", text, StringComparison.Ordinal);
        Assert.Contains("🥈 Bob", text, StringComparison.Ordinal);
        Assert.Contains("← you", text, StringComparison.Ordinal);

        var stats = await harness.SendAsync(Alice.CommandWithResolvedUser("stats", InteractionDataOption.User("user", Bob.Id), new User { Id = Bob.Id, Username = "bob" }));
        var statsText = stats.Text();
        Assert.Contains("Stats — Bob", statsText, StringComparison.Ordinal);
        Assert.Contains("33% (1/3)", statsText, StringComparison.Ordinal);
        Assert.Contains("#2", statsText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quizadmin_is_refused_without_Manage_Server_and_in_DMs()
    {
        using var harness = new PipelineHarness();

        var member = await harness.SendAsync(Alice.Command("quizadmin", InteractionDataOption.Subcommand("settings")));
        var dm = await harness.SendAsync(DmUser.Command("quizadmin", InteractionDataOption.Subcommand("settings")));
        var board = await harness.SendAsync(DmUser.Command("leaderboard"));

        Assert.Equal(AdminModule.NeedsManageServer, member.Data!.Content);
        Assert.True(member.IsEphemeral());
        Assert.Equal(Replies.ServerOnly, dm.Data!.Content);
        Assert.Equal(Replies.ServerOnly, board.Data!.Content);
    }

    [Fact]
    public async Task Reset_season_asks_first_and_then_starts_the_season_now()
    {
        using var harness = new PipelineHarness();
        var scope = TestUser.Guild.ToString(CultureInfo.InvariantCulture);

        var confirm = await harness.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("reset-season")));
        Assert.Null((await harness.Store.Guilds.GetSettingsAsync(scope)).SeasonStartedAt);

        var refused = await harness.SendAsync(Alice.Click(confirm.ButtonId("Start new season")));
        Assert.Equal(AdminModule.NeedsManageServer, refused.Data!.Content);
        Assert.Null((await harness.Store.Guilds.GetSettingsAsync(scope)).SeasonStartedAt);

        var done = await harness.SendAsync(Moderator.Click(confirm.ButtonId("Start new season")));
        Assert.Equal(InteractionCallbackType.UpdateMessage, done.Type);
        Assert.Equal(harness.Time.GetUtcNow(), (await harness.Store.Guilds.GetSettingsAsync(scope)).SeasonStartedAt);

        var settings = await harness.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("settings")));
        Assert.Contains($"<t:{harness.Time.GetUtcNow().ToUnixTimeSeconds()}:f>", settings.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_are_listed_for_moderators_and_can_be_resolved()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(Alice.Command("quiz"));
        var modal = await harness.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.ReportLabel)));
        await harness.SendAsync(Alice.Submit(modal.Data!.CustomId!, (QuizIds.ReasonInput, "typo in the prompt")));

        var list = await harness.SendAsync(Moderator.Command("quizadmin", InteractionDataOption.Subcommand("reports")));
        Assert.Contains("typo in the prompt", list.Text(), StringComparison.Ordinal);

        var resolved = await harness.SendAsync(Moderator.Click(list.ButtonId("Resolve #")));
        Assert.Contains("No open reports", resolved.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_fact_and_help_answer_with_the_deck()
    {
        using var harness = new PipelineHarness();

        var sources = await harness.SendAsync(DmUser.Command("sources"));
        var fact = await harness.SendAsync(DmUser.Command("fact", InteractionDataOption.String("topic", RealDeck.First.Topics[0])));
        var help = await harness.SendAsync(DmUser.Command("help"));

        Assert.Contains("Source [7] — ", sources.Text(), StringComparison.Ordinal);
        var shown = RealDeck.First.Facts.Single(f => fact.Text().Contains(f.Statement, StringComparison.Ordinal));
        Assert.Contains(RealDeck.First.Topics[0], shown.Topics);
        Assert.All(RealDeck.ExpectedCitationLines(shown), line => Assert.Contains(line, fact.Text(), StringComparison.Ordinal));
        Assert.Contains("/quiz", help.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_DMs_personal_commands_use_the_dm_scope()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(DmUser.Command("quiz", InteractionDataOption.Integer("length", 1)));
        await new QuizPlaythrough(harness.SendAsync, DmUser).AnswerAsync(screen, correctly: true);

        var stats = await harness.Store.Stats.GetStatsAsync(new("dm", DmUser.UserId), harness.Time.GetUtcNow());

        Assert.Equal(1, stats.Answered);
    }
}
