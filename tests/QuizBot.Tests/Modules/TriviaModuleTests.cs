using System.Globalization;
using System.Text.RegularExpressions;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

/// <summary>Live trivia through the pipeline on SQLite and a fake clock, with Discord's webhook mocked and recorded.</summary>
public sealed partial class TriviaModuleTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly TestUser Carol = new(303, "Carol");
    private static readonly TestUser Moderator = new(404, "Mod", permissions: Permissions.ManageGuild);
    private static readonly TestUser DmUser = new(505, "Dee", guildId: null);
    private static readonly string Scope = TestUser.Guild.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Start_posts_question_one_publicly_with_a_countdown_and_answer_buttons()
    {
        using var harness = new PipelineHarness();
        _ = new TriviaWebhook(harness.Rest);

        var screen = await harness.SendAsync(Start(Alice, questions: 3, seconds: 15));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, screen.Type);
        Assert.False(screen.IsEphemeral());
        Assert.Contains("Question 1/3", screen.Text(), StringComparison.Ordinal);
        var deadline = harness.Time.GetUtcNow().AddSeconds(15).ToUnixTimeSeconds();
        Assert.Contains($"<t:{deadline}:R>", screen.Text(), StringComparison.Ordinal);
        var question = TriviaScreen.QuestionOn(screen);
        Assert.True(question.Kind is Core.Decks.QuestionKind.MultipleChoice or Core.Decks.QuestionKind.TrueFalse);
        Assert.NotEmpty(screen.Buttons());
        Assert.All(screen.Buttons(), b =>
        {
            Assert.True(CustomId.TryParse(b.CustomId, out var id));
            Assert.Equal(CustomIdAreas.Trivia, id.Area);
            Assert.All(id.Args, arg => Assert.True(int.TryParse(arg, CultureInfo.InvariantCulture, out _)));
        });
    }

    [Fact]
    public async Task Presses_lock_in_privately_without_saying_right_or_wrong_and_the_first_answer_counts()
    {
        using var harness = new PipelineHarness();
        _ = new TriviaWebhook(harness.Rest);
        var screen = await harness.SendAsync(Start(Alice, questions: 2));

        var right = await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(screen, correctly: true)));
        var wrong = await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(screen, correctly: false)));
        var again = await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(screen, correctly: false)));

        foreach (var reply in new[] { right, wrong, again })
        {
            Assert.True(reply.IsEphemeral());
            Assert.DoesNotContain("correct", reply.Data!.Content!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("wrong", reply.Data.Content!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("🔒 Locked in: **", right.Data!.Content, StringComparison.Ordinal);
        Assert.StartsWith("🔒 Locked in: **", wrong.Data!.Content, StringComparison.Ordinal);
        Assert.StartsWith("You already answered", again.Data!.Content, StringComparison.Ordinal);
        var alice = await harness.Store.Stats.GetStatsAsync(new(Scope, Alice.UserId), harness.Time.GetUtcNow());
        Assert.Equal((1, 1), (alice.Answered, alice.Correct));
        Assert.True(alice.Points > 0);
    }

    [Fact]
    public async Task When_time_is_up_the_question_message_becomes_the_reveal_with_its_citation_then_the_next_question_follows()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest);
        var start = Start(Alice, questions: 2, seconds: 20);
        var first = await harness.SendAsync(start);
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await harness.SendAsync(Carol.Click(TriviaScreen.ButtonFor(first, correctly: false)));

        harness.Time.Advance(TimeSpan.FromSeconds(9));
        await RevealDueAsync(harness);
        Assert.Empty(webhook.Calls);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await RevealDueAsync(harness);

        Assert.Equal([WebhookCall.EditOriginal, WebhookCall.Followup], webhook.Calls.Select(c => c.Kind));
        Assert.All(webhook.Calls, c => Assert.Equal(start.Token, c.Token));
        var reveal = webhook.Calls[0].AsScreen();
        var question = TriviaScreen.QuestionOn(first);
        AssertCites(reveal, question);
        Assert.Contains($"Answer: **{TriviaScreen.RightAnswer(first)}**", reveal.Text(), StringComparison.Ordinal);
        var full = Core.Scoring.ScoringRules.BasePoints(question.Kind);
        var half = Core.Trivia.TriviaRules.PointsFor(question.Kind, true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.Contains($"✅ Right: Alice +{full} · Bob +{half} (2 of 3 answered)", reveal.Text(), StringComparison.Ordinal);
        Assert.Empty(webhook.Calls[0].Payload.Components!);

        var second = webhook.Calls[1].AsScreen();
        Assert.Contains("Question 2/2", second.Text(), StringComparison.Ordinal);
        Assert.NotEqual(question.Id, TriviaScreen.QuestionOn(second).Id);
        Assert.Contains($"<t:{harness.Time.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds()}:R>", second.Text(), StringComparison.Ordinal);

        var late = await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        Assert.Equal(TriviaView.TooLate, late.Data!.Content);
    }

    [Fact]
    public async Task The_last_reveal_edits_the_follow_up_and_the_final_standings_end_the_game()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest);
        var first = await harness.SendAsync(Start(Alice, questions: 2));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: false)));
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        await RevealDueAsync(harness);
        var second = webhook.Calls[1].AsScreen();
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));

        harness.Time.Advance(TimeSpan.FromSeconds(20));
        await RevealDueAsync(harness);

        Assert.Equal([WebhookCall.EditOriginal, WebhookCall.Followup, WebhookCall.EditFollowup, WebhookCall.Followup], webhook.Calls.Select(c => c.Kind));
        var lastReveal = webhook.Calls[2];
        Assert.Equal(7_001UL, lastReveal.MessageId);
        AssertCites(lastReveal.AsScreen(), TriviaScreen.QuestionOn(second));
        var standings = webhook.Calls[3].AsScreen().Text();
        Assert.Contains("final standings", standings, StringComparison.Ordinal);
        var lines = standings.Split('\n').Where(l => l.Contains("points**", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("🥇 Bob", lines[0], StringComparison.Ordinal);
        Assert.Contains("(2/2 right · best streak 2)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("🥈 Alice", lines[1], StringComparison.Ordinal);

        var ended = await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        Assert.Equal(TriviaView.GameEnded, ended.Data!.Content);
        await RevealDueAsync(harness);
        Assert.Equal(4, webhook.Calls.Count);
        Assert.False((await harness.SendAsync(Start(Bob))).IsEphemeral());
    }

    [Fact]
    public async Task Trivia_answers_count_on_the_leaderboard_and_in_stats_under_one_session_per_player()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest);
        var first = await harness.SendAsync(Start(Alice, questions: 1));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: false)));

        var board = await harness.Store.Stats.GetLeaderboardAsync(Scope, LeaderboardPeriod.All, LeaderboardMetric.Points, Alice.UserId, 0, 10, harness.Time.GetUtcNow());
        Assert.Equal(["Bob", "Alice"], board.Rows.Select(r => r.DisplayName));
        Assert.Equal(Core.Scoring.ScoringRules.BasePoints(TriviaScreen.QuestionOn(first).Kind), board.Rows[0].Points);

        var gameId = CustomIdOf(TriviaScreen.ButtonFor(first, correctly: true)).Key;
        var session = await harness.Store.Quizzes.GetSessionAsync($"trivia:{gameId}:{Bob.UserId}");
        Assert.NotNull(session);
        Assert.Equal((QuizMode.Trivia, 1, 1), (session.Mode, session.Answered, session.Correct));
        Assert.Empty(webhook.Calls);
    }

    [Fact]
    public async Task One_game_per_channel_and_a_second_start_is_told_so_privately()
    {
        using var harness = new PipelineHarness();
        _ = new TriviaWebhook(harness.Rest);
        await harness.SendAsync(Start(Alice));

        var second = await harness.SendAsync(Start(Bob));
        var elsewhere = await harness.SendAsync(Start(Bob) with { ChannelId = 444 });

        Assert.True(second.IsEphemeral());
        Assert.Equal(TriviaView.AlreadyRunning, second.Data!.Content);
        Assert.False(elsewhere.IsEphemeral());
        Assert.Contains("Question 1/", elsewhere.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_starter_or_a_manager_can_stop_and_stopping_reveals_the_question_and_shows_the_standings()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest);
        var start = Start(Alice, questions: 5);
        var first = await harness.SendAsync(start);
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        var refused = await harness.SendAsync(Bob.Command("trivia", InteractionDataOption.Subcommand("stop")));
        Assert.True(refused.IsEphemeral());
        Assert.Equal(TriviaView.OnlyStarterCanStop("Alice"), refused.Data!.Content);

        var stopped = await harness.SendAsync(Alice.Command("trivia", InteractionDataOption.Subcommand("stop")));

        Assert.False(stopped.IsEphemeral());
        Assert.Contains("final standings", stopped.Text(), StringComparison.Ordinal);
        Assert.Contains("🥇 Bob", stopped.Text(), StringComparison.Ordinal);
        Assert.Contains("Stopped by Alice after 1 question", stopped.Text(), StringComparison.Ordinal);
        Assert.Empty(webhook.Calls);
        await RevealDueAsync(harness);
        var edit = Assert.Single(webhook.Calls);
        Assert.Equal((WebhookCall.EditOriginal, start.Token), (edit.Kind, edit.Token));
        Assert.Contains("Game stopped", edit.AsScreen().Text(), StringComparison.Ordinal);
        AssertCites(edit.AsScreen(), TriviaScreen.QuestionOn(first));

        var ended = await harness.SendAsync(Carol.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        Assert.Equal(TriviaView.GameEnded, ended.Data!.Content);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await RevealDueAsync(harness);
        Assert.Single(webhook.Calls);
        Assert.Equal(TriviaView.NoGame, (await harness.SendAsync(Alice.Command("trivia", InteractionDataOption.Subcommand("stop")))).Data!.Content);

        await harness.SendAsync(Start(Alice));
        var byModerator = await harness.SendAsync(Moderator.Command("trivia", InteractionDataOption.Subcommand("stop")));
        Assert.Contains("Stopped by Mod", byModerator.Text(), StringComparison.Ordinal);
        Assert.Contains("Nobody answered", byModerator.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trivia_in_direct_messages_points_to_a_server_channel()
    {
        using var harness = new PipelineHarness();

        var response = await harness.SendAsync(Start(DmUser));

        Assert.True(response.IsEphemeral());
        Assert.Equal(TriviaView.GuildOnly, response.Data!.Content);
        Assert.Contains("Trivia works in a server channel", response.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_game_longer_than_fifteen_minutes_is_cut_and_the_reply_says_so()
    {
        using var harness = new PipelineHarness();

        var screen = await harness.SendAsync(Start(Alice, questions: 20, seconds: 60));

        Assert.Contains("Question 1/14", screen.Text(), StringComparison.Ordinal);
        Assert.Contains("Cut to 14 questions", screen.Data!.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, "1 to 20 questions")]
    [InlineData(21, null, "1 to 20 questions")]
    [InlineData(null, 5, "10 to 60 seconds")]
    [InlineData(null, 61, "10 to 60 seconds")]
    public async Task Out_of_range_settings_are_refused_privately_and_start_nothing(int? questions, int? seconds, string reason)
    {
        using var harness = new PipelineHarness();

        var response = await harness.SendAsync(Start(Alice, questions, seconds));

        Assert.True(response.IsEphemeral());
        Assert.Contains(reason, response.Data!.Content, StringComparison.Ordinal);
        Assert.False((await harness.SendAsync(Start(Alice))).IsEphemeral());
    }

    [Fact]
    public async Task An_unknown_topic_lists_the_topics_and_a_known_one_is_used()
    {
        using var harness = new PipelineHarness();
        var topic = RealDeck.First.Topics[0];

        var unknown = await harness.SendAsync(Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.String("topic", "no such topic"))));
        var known = await harness.SendAsync(Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.String("topic", topic.ToUpperInvariant()))));

        Assert.True(unknown.IsEphemeral());
        Assert.Contains(topic, unknown.Data!.Content, StringComparison.Ordinal);
        Assert.Contains($"Trivia — {topic}", known.Text(), StringComparison.Ordinal);
        Assert.Contains(topic, RealDeck.FactOf(TriviaScreen.QuestionOn(known)).Topics);
    }

    [Fact]
    public async Task Stale_and_unknown_trivia_buttons_answer_that_the_game_ended()
    {
        using var harness = new PipelineHarness();

        var unknown = await harness.SendAsync(Alice.Click("t1:0123456789ab:a:0:1"));
        var malformed = await harness.SendAsync(Alice.Click("t1:0123456789ab:zz:0"));

        Assert.True(unknown.IsEphemeral());
        Assert.Equal(TriviaView.GameEnded, unknown.Data!.Content);
        Assert.True(malformed.IsEphemeral());
        Assert.Equal(TriviaView.GameEnded, malformed.Data!.Content);
    }

    [Fact]
    public async Task A_press_from_another_server_does_not_reach_the_game()
    {
        using var harness = new PipelineHarness();
        var first = await harness.SendAsync(Start(Alice));
        var stranger = new TestUser(606, "Stranger", guildId: 123);

        var response = await harness.SendAsync(stranger.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        Assert.Equal(TriviaView.GameEnded, response.Data!.Content);
    }

    [Fact]
    public async Task If_Discord_refuses_the_next_question_the_game_ends_instead_of_hanging()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest) { FailFollowups = true };
        var first = await harness.SendAsync(Start(Alice, questions: 3));

        harness.Time.Advance(TimeSpan.FromSeconds(20));
        await RevealDueAsync(harness);

        Assert.Equal(WebhookCall.EditOriginal, Assert.Single(webhook.Calls).Kind);
        var press = await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true).Replace(":a:0:", ":a:1:", StringComparison.Ordinal)));
        Assert.Equal(TriviaView.GameEnded, press.Data!.Content);
        Assert.False((await harness.SendAsync(Start(Bob))).IsEphemeral());
    }

    [Fact]
    public async Task Topic_autocomplete_works_under_the_start_subcommand()
    {
        using var harness = new PipelineHarness();
        var topic = RealDeck.First.Topics[0];

        var response = await harness.SendAsync(Alice.Autocomplete("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.String("topic", topic[..3], focused: true))));

        Assert.Contains(response.Data!.Choices!, c => c.Name == topic);
    }

    private static Interaction Start(TestUser user, int? questions = null, int? seconds = null)
    {
        var options = new List<InteractionDataOption>();
        if (questions is { } q)
        {
            options.Add(InteractionDataOption.Integer("questions", q));
        }

        if (seconds is { } s)
        {
            options.Add(InteractionDataOption.Integer("seconds", s));
        }

        return user.Command("trivia", InteractionDataOption.Subcommand("start", [.. options]));
    }

    private static Task RevealDueAsync(PipelineHarness harness) => harness.TriviaPassAsync();

    private static CustomId CustomIdOf(string text) => CustomId.TryParse(text, out var id) ? id : throw new Xunit.Sdk.XunitException(text);

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
