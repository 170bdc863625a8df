using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Sqlite;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>One tap per question through the real host and signed requests: what an answer costs in interactions and writes.</summary>
public sealed class OneTapEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Fact]
    public async Task A_quiz_takes_one_interaction_per_question_plus_the_form_of_typed_ones_and_one_write_per_answer()
    {
        var calls = new ConcurrentDictionary<string, int>();
        await using var bot = await StartCountingAsync(calls);
        var sent = 0;
        var play = new QuizPlaythrough(
            interaction =>
            {
                sent++;
                return bot.SendAsync(interaction);
            },
            Alice);

        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 10)));
        sent++;
        var typed = 0;
        for (var i = 1; i <= 10; i++)
        {
            var question = QuizPlaythrough.QuestionOn(screen);
            typed += question.Kind is Core.Decks.QuestionKind.Typed or Core.Decks.QuestionKind.FillBlank ? 1 : 0;
            screen = await play.AnswerAsync(screen, correctly: true);
            QuizPlaythrough.AssertRevealCites(screen, question, correct: true);
            var below = screen.Data!.Embeds![1];
            if (i < 10)
            {
                Assert.StartsWith($"**Question {i + 1}/10**", below.Description, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(QuizRevealView.SummaryTitle, below.Title);
            }
        }

        // /quiz, one press per answer, and "Type answer" before each typed one: no "Next ▶" anywhere.
        Assert.Equal(1 + 10 + typed, sent);
        Assert.Equal(sent, await ReceiptsAsync(bot.DatabasePath));
        // The quiz store writes once to open the quiz and once per answer (its one transaction). Each answer is decided on
        // the session as this instance last wrote it (the version compare-and-set checks it); none is read as stored.
        Assert.Equal(1, calls.GetValueOrDefault(nameof(IQuizStore.OpenAsync)));
        Assert.Equal(10, calls.GetValueOrDefault(nameof(IQuizStore.ApplyAsync)));
        Assert.Equal(10, calls.GetValueOrDefault(nameof(IQuizStore.GetSessionToChangeAsync)));
        Assert.Equal(0, calls.GetValueOrDefault(nameof(IQuizStore.GetSessionAsync)));
        Assert.Equal(0, calls.GetValueOrDefault(nameof(IQuizStore.GetStepAsync)));
        using var store = SqliteStore.Open(bot.DatabasePath);
        var stats = await store.Stats.GetStatsAsync(new(TestUser.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), Alice.UserId), DateTimeOffset.UtcNow);
        Assert.Equal((10, 10), (stats.Answered, stats.Correct));
    }

    [Fact]
    public async Task An_answer_delivered_twice_scores_once_and_both_replies_show_the_same_next_question()
    {
        var calls = new ConcurrentDictionary<string, int>();
        await using var bot = await StartCountingAsync(calls);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);
        var screen = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 3)));

        var (first, second) = await play.AnswerTwiceAsync(screen);

        Assert.Equal(first.Data!.Embeds!.Select(e => (e.Title, e.Description)), second.Data!.Embeds!.Select(e => (e.Title, e.Description)));
        Assert.Equal(first.Buttons().Select(b => b.CustomId), second.Buttons().Select(b => b.CustomId));
        Assert.Contains("Question 2/3", first.Data.Embeds![1].Description, StringComparison.Ordinal);
        // The replay read the stored step; only the first delivery wrote.
        Assert.Equal(1, calls.GetValueOrDefault(nameof(IQuizStore.ApplyAsync)));
        Assert.Equal(1, calls.GetValueOrDefault(nameof(IQuizStore.GetStepAsync)));

        // The next question answers from either reply.
        var next = QuizPlaythrough.QuestionOn(second);
        QuizPlaythrough.AssertRevealCites(await play.AnswerAsync(second, correctly: false), next, correct: false);
        using var store = SqliteStore.Open(bot.DatabasePath);
        var stats = await store.Stats.GetStatsAsync(new(TestUser.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), Alice.UserId), DateTimeOffset.UtcNow);
        Assert.Equal((2, 1), (stats.Answered, stats.Correct));
    }

    [Fact]
    public async Task Old_next_and_resume_buttons_show_the_current_question_and_a_stale_answer_gets_the_short_reply()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);
        var start = await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 2)));
        var session = start.ButtonId(QuizQuestionView.SkipLabel).Split(':')[1];
        var reveal = await play.AnswerAsync(start, correctly: true);
        var current = QuizPlaythrough.QuestionOn(reveal);

        // Buttons of messages sent before this flow: "Next ▶" to question 2 (or still to question 1), and Resume.
        foreach (var old in new[] { QuizIds.Of(session, QuizIds.Next, 1), QuizIds.Of(session, QuizIds.Next, 0), QuizIds.Of(session, QuizIds.Resume, 1) })
        {
            var shown = await bot.SendAsync(Alice.Click(old.ToString()));
            Assert.Equal(InteractionCallbackType.UpdateMessage, shown.Type);
            Assert.Equal(current.Id, QuizPlaythrough.QuestionOn(shown).Id);
            Assert.Contains("Question 2/2", shown.Text(), StringComparison.Ordinal);
        }

        var last = await play.AnswerAsync(reveal, correctly: true);

        // The quiz is over. An old Next shows its end; the first answer pressed again replays its reveal, now with the
        // summary; an answer button for a question the quiz never had gets the short ephemeral word.
        var end = await bot.SendAsync(Alice.Click(QuizIds.Of(session, QuizIds.Next, 1).ToString()));
        Assert.Equal(InteractionCallbackType.UpdateMessage, end.Type);
        Assert.Equal(QuizRevealView.SummaryTitle, Assert.Single(end.Data!.Embeds!).Title);
        var again = await play.AnswerAsync(start, correctly: true);
        Assert.Equal(reveal.Data!.Embeds![0].Description, again.Data!.Embeds![0].Description);
        Assert.Equal(QuizRevealView.SummaryTitle, again.Data.Embeds[1].Title);
        Assert.Equal(last.Data!.Embeds![1].Fields!.Select(f => (f.Name, f.Value)), again.Data.Embeds[1].Fields!.Select(f => (f.Name, f.Value)));
        var stale = await bot.SendAsync(Alice.Click(QuizIds.Choice(session, 2, 0).ToString()));
        Assert.True(stale.IsEphemeral());
        Assert.Equal(Replies.QuizEnded, stale.Data!.Content);
    }

    /// <summary>The bot over signed HTTP, its quiz store's calls counted in <paramref name="calls"/>.</summary>
    private static Task<RunningBot> StartCountingAsync(ConcurrentDictionary<string, int> calls) =>
        RunningBot.StartAsync(
            Transport.Http,
            builder => builder.Services.AddSingleton(p => CallCounter<IQuizStore>.Wrap(p.GetRequiredService<SqliteStore>().Quizzes, calls)));

    private static async Task<long> ReceiptsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM interaction_receipts;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
