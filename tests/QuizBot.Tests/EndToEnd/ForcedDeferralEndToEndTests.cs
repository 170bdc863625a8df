using QuizBot.Discord.Models;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// Every module's replies through the slow path: the real host with Discord:DeferAfter=0, so each interaction is
/// deferred and its answer delivered by webhook; <see cref="DeferredDelivery"/> checks each delivery as Discord would.
/// </summary>
public sealed class ForcedDeferralEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_whole_quiz_with_typed_answers_and_a_report_lands_every_reply_on_the_right_message(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport, deferAfter: TimeSpan.Zero);
        var deferred = new DeferredDelivery(bot);
        var play = new QuizPlaythrough(deferred.SendAsync, Alice);

        var screen = await deferred.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 6)));
        Assert.True(screen.IsEphemeral());
        var typed = 0;
        for (var i = 1; i <= 6; i++)
        {
            Assert.Contains($"Question {i}/6", screen.Text(), StringComparison.Ordinal);
            var question = QuizPlaythrough.QuestionOn(screen);
            typed += question.Kind is Core.Decks.QuestionKind.Typed or Core.Decks.QuestionKind.FillBlank ? 1 : 0;
            if (i == 1)
            {
                // A report opens a modal: deferred, it becomes "press again", then the modal, then the thanks as a follow-up.
                var modal = await deferred.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.ReportLabel)));
                var thanks = await deferred.SendAsync(Alice.Submit(modal.Data!.CustomId!, (QuizIds.ReasonInput, "The date looks wrong")));
                Assert.True(thanks.IsEphemeral());
                Assert.Contains("report", thanks.Text(), StringComparison.OrdinalIgnoreCase);
            }

            var reveal = await play.AnswerAsync(screen, correctly: i % 2 == 0);
            QuizPlaythrough.AssertRevealCites(reveal, question, correct: i % 2 == 0);
            if (i < 6)
            {
                // The answer's reply shows the next question below the reveal.
                screen = reveal;
            }
            else
            {
                Assert.Contains("Quiz complete", reveal.Text(), StringComparison.Ordinal);
            }
        }

        // Each modal-opening press (the report and every typed answer) told the user to press again.
        Assert.Equal(1 + typed, deferred.PressAgainCount);
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task Every_other_command_answers_through_a_deferral(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport, deferAfter: TimeSpan.Zero);
        var deferred = new DeferredDelivery(bot);
        var screen = await deferred.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1)));
        await new QuizPlaythrough(deferred.SendAsync, Alice).AnswerAsync(screen, correctly: false);

        var review = await deferred.SendAsync(Alice.Command("review"));
        Assert.Contains("Question 1/", review.Text(), StringComparison.Ordinal);

        var front = await deferred.SendAsync(Alice.Command("study"));
        var back = await deferred.SendAsync(Alice.Click(front.ButtonId(StudyView.ShowAnswerLabel)));
        Assert.Equal(InteractionCallbackType.UpdateMessage, back.Type);
        var rated = await deferred.SendAsync(Alice.Click(back.ButtonId("Good")));
        Assert.Equal(InteractionCallbackType.UpdateMessage, rated.Type);

        var board = await deferred.SendAsync(Bob.Command("leaderboard"));
        Assert.False(board.IsEphemeral());
        Assert.Contains("Alice", board.Text(), StringComparison.Ordinal);

        var stats = await deferred.SendAsync(Alice.Command("stats"));
        Assert.True(stats.IsEphemeral());
        Assert.NotEmpty(stats.Text());

        foreach (var command in new[] { "help", "sources", "fact" })
        {
            Assert.NotEmpty((await deferred.SendAsync(Alice.Command(command))).Text());
        }

        var refused = await deferred.SendAsync(Bob.Command("quizadmin", InteractionDataOption.Subcommand("reset-season")));
        Assert.True(refused.IsEphemeral());

        var stale = await deferred.SendAsync(Alice.Click("q1:0000000000000000:n:3"));
        Assert.True(stale.IsEphemeral());

        var suggestions = await deferred.SendAsync(Alice.Autocomplete("quiz", InteractionDataOption.String("topic", "", focused: true)));
        Assert.Empty(suggestions.Data!.Choices!);
    }
}
