using System.Globalization;
using System.Net;
using QuizBot.Discord.Models;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Sqlite;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>The bot as Discord sees it: the real host, a real SQLite file, real signed HTTP or a gateway on loopback.</summary>
public sealed class EndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly TestUser Carol = new(303, "Carol");

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_whole_quiz_reaches_its_summary_and_every_reveal_cites_its_footnote(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);

        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 10)));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, screen.Type);
        Assert.True(screen.IsEphemeral());
        var kinds = new HashSet<Core.Decks.QuestionKind>();
        for (var i = 1; i <= 10; i++)
        {
            Assert.Contains($"Question {i}/10", screen.Text(), StringComparison.Ordinal);
            var question = QuizPlaythrough.QuestionOn(screen);
            kinds.Add(question.Kind);
            var reveal = await play.AnswerAsync(screen, correctly: i % 3 != 0);
            QuizPlaythrough.AssertRevealCites(reveal, question, correct: i % 3 != 0);
            if (i < 10)
            {
                // One tap per question: the reply to the answer already shows the next question.
                Assert.Equal(2, reveal.Data!.Embeds!.Count);
                screen = reveal;
            }
            else
            {
                Assert.Contains("Quiz complete", reveal.Text(), StringComparison.Ordinal);
                Assert.Contains("7/10", reveal.Text(), StringComparison.Ordinal);
            }
        }

        // The quiz mixes kinds, so the modal path for typed answers was part of this run.
        Assert.True(kinds.Contains(Core.Decks.QuestionKind.Typed) || kinds.Contains(Core.Decks.QuestionKind.FillBlank), string.Join(", ", kinds));
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task Mistakes_come_back_in_review_and_study_stores_the_next_due_date(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        // One question, so the quiz is over before /review (one open quiz per member and server).
        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1)));
        var missed = QuizPlaythrough.QuestionOn(screen);
        var reveal = await new QuizPlaythrough(bot.SendAsync, Alice).AnswerAsync(screen, correctly: false);
        QuizPlaythrough.AssertRevealCites(reveal, missed, correct: false);

        var review = await bot.SendAsync(Alice.Command("review"));
        Assert.Equal(missed.Id, QuizPlaythrough.QuestionOn(review).Id);

        var front = await bot.SendAsync(Alice.Command("study"));
        var back = await bot.SendAsync(Alice.Click(front.ButtonId(StudyView.ShowAnswerLabel)));
        var before = DateTimeOffset.UtcNow;
        var next = await bot.SendAsync(Alice.Click(back.ButtonId("Good")));
        Assert.Equal(InteractionCallbackType.UpdateMessage, next.Type);

        using var store = SqliteStore.Open(bot.DatabasePath);
        var card = Assert.Single(await store.Study.GetCardsAsync(new(TestUser.Guild.ToString(CultureInfo.InvariantCulture), Alice.UserId)));
        Assert.InRange(card.Value.Due, before.AddMinutes(10).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task Leaderboard_and_stats_after_several_users_answered(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        foreach (var (user, right) in new[] { (Alice, 2), (Bob, 0), (Carol, 1) })
        {
            var play = new QuizPlaythrough(bot.SendAsync, user);
            var screen = await bot.SendAsync(user.Command("quiz", InteractionDataOption.Integer("length", 2)));
            var first = await play.AnswerAsync(screen, correctly: right >= 1);
            await play.AnswerAsync(first, correctly: right >= 2);
        }

        var board = await bot.SendAsync(Bob.Command("leaderboard"));
        var lines = board.Data!.Embeds![^1].Description!.Split('\n');
        Assert.StartsWith("🥇 Alice", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("🥈 Carol", lines[1], StringComparison.Ordinal);
        Assert.Contains("Bob", lines[2], StringComparison.Ordinal);
        Assert.Contains("← you", lines[2], StringComparison.Ordinal);

        var stats = await bot.SendAsync(Carol.Command("stats"));
        Assert.Contains("50% (1/2)", stats.Text(), StringComparison.Ordinal);
        Assert.Contains("#2", stats.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task Stale_buttons_double_clicks_and_admin_refusal(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);

        var stale = await bot.SendAsync(Alice.Click("q1:0000000000000000:n:3"));
        Assert.True(stale.IsEphemeral());
        Assert.Equal(Replies.QuizEnded, stale.Data!.Content);

        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 3)));
        var skip = screen.ButtonId(QuizQuestionView.SkipLabel);
        var first = await bot.SendAsync(Alice.Click(skip));
        var second = await bot.SendAsync(Alice.Click(skip));
        Assert.Equal(InteractionCallbackType.UpdateMessage, first.Type);
        // A second press replays the reveal as the message update (it may never have arrived), scored once.
        Assert.Equal(InteractionCallbackType.UpdateMessage, second.Type);
        Assert.Equal(first.Data!.Embeds![0].Description, second.Data!.Embeds![0].Description);

        // Both replies show question 2 below the reveal of question 1.
        Assert.Equal(first.Data.Embeds[^1].Description, second.Data.Embeds[^1].Description);
        Assert.Contains("Question 2/3", first.Data.Embeds[^1].Description, StringComparison.Ordinal);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);
        var (answer, again) = await play.AnswerTwiceAsync(first);
        Assert.Equal(InteractionCallbackType.UpdateMessage, answer.Type);
        Assert.Equal(InteractionCallbackType.UpdateMessage, again.Type);
        Assert.Equal(answer.Data!.Embeds![0].Description, again.Data!.Embeds![0].Description);

        var refused = await bot.SendAsync(Bob.Command("quizadmin", InteractionDataOption.Subcommand("reset-season")));
        Assert.True(refused.IsEphemeral());
        Assert.Equal(AdminModule.NeedsManageServer, refused.Data!.Content);

        using var store = SqliteStore.Open(bot.DatabasePath);
        var stats = await store.Stats.GetStatsAsync(new(TestUser.Guild.ToString(CultureInfo.InvariantCulture), Alice.UserId), DateTimeOffset.UtcNow);
        Assert.Equal(1, stats.Answered);
        Assert.Null((await store.Guilds.GetSettingsAsync(TestUser.Guild.ToString(CultureInfo.InvariantCulture))).SeasonStartedAt);
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_restart_in_the_middle_of_a_quiz_continues_it(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);
        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 3)));
        var reveal = await play.AnswerAsync(screen, correctly: true);

        await bot.RestartAsync();

        // A "Next ▶" on a message sent before replies carried the next question still shows the current one.
        var session = reveal.ButtonId(QuizQuestionView.SkipLabel).Split(':')[1];
        var oldNext = await bot.SendAsync(Alice.Click(QuizIds.Of(session, QuizIds.Next, 1).ToString()));
        Assert.Equal(InteractionCallbackType.UpdateMessage, oldNext.Type);
        Assert.Contains("Question 2/3", oldNext.Text(), StringComparison.Ordinal);
        Assert.Contains("points", oldNext.Data!.Embeds![0].Footer!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n0 points", "\n" + oldNext.Data.Embeds[0].Footer!.Text, StringComparison.Ordinal);
        var question = QuizPlaythrough.QuestionOn(reveal);
        Assert.Equal(question.Id, QuizPlaythrough.QuestionOn(oldNext).Id);
        // The buttons of the answer's reply answer question 2 after the restart.
        QuizPlaythrough.AssertRevealCites(await play.AnswerAsync(reveal, correctly: true), question, correct: true);
    }

    [Fact]
    public async Task Http_mode_refuses_unsigned_requests_and_serves_health()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);

        Assert.Equal(HttpStatusCode.Unauthorized, await bot.SendForgedAsync(Alice.Command("help")));
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await global::QuizBot.Cli.HealthCommand.CheckAsync(bot.HealthUrl.ToString(), output, error, CancellationToken.None));
    }

    [Fact]
    public async Task Backup_copies_the_live_database_consistently()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1)));
        await new QuizPlaythrough(bot.SendAsync, Alice).AnswerAsync(screen, correctly: true);
        var copy = Path.Combine(Path.GetDirectoryName(bot.DatabasePath)!, "backup", "copy.db");

        Assert.Null(DatabaseBackup.Copy(bot.DatabasePath, copy));
        Assert.NotNull(DatabaseBackup.Copy(bot.DatabasePath, copy));

        using var store = SqliteStore.Open(copy);
        var stats = await store.Stats.GetStatsAsync(new(TestUser.Guild.ToString(CultureInfo.InvariantCulture), Alice.UserId), DateTimeOffset.UtcNow);
        Assert.Equal(1, stats.Correct);
    }
}
