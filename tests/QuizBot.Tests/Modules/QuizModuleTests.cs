using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

public sealed class QuizModuleTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");

    [Fact]
    public async Task A_quiz_runs_to_its_summary_with_every_reveal_cited()
    {
        using var harness = new PipelineHarness();
        var play = new QuizPlaythrough(harness.SendAsync, Alice);

        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 4)));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, screen.Type);
        Assert.True(screen.IsEphemeral());
        Assert.Contains("Question 1/4", screen.Text(), StringComparison.Ordinal);

        for (var i = 1; i <= 4; i++)
        {
            var question = QuizPlaythrough.QuestionOn(screen);
            var reveal = await play.AnswerAsync(screen, correctly: i != 2);
            QuizPlaythrough.AssertRevealCites(reveal, question, correct: i != 2);
            // The revealed question can still be reported from the reply, by its own button.
            var reportLabel = i < 4 ? QuizRevealView.ReportRevealedLabel(i - 1) : QuizQuestionView.ReportLabel;
            var report = await harness.SendAsync(Alice.Click(reveal.Buttons().Single(b => b.Label == reportLabel).CustomId!));
            Assert.Equal($"Report question {i}", report.Data!.Title);
            if (i < 4)
            {
                // One tap per question: the reply shows the next question and its buttons below the reveal.
                Assert.Equal(2, reveal.Data!.Embeds!.Count);
                Assert.StartsWith($"**Question {i + 1}/4**", reveal.Data.Embeds[1].Description, StringComparison.Ordinal);
                Assert.NotEqual(question.Id, QuizPlaythrough.QuestionOn(reveal).Id);
                screen = reveal;
            }
            else
            {
                var text = reveal.Text();
                Assert.Contains("Quiz complete", text, StringComparison.Ordinal);
                Assert.Contains("3/4", text, StringComparison.Ordinal);
                Assert.Contains("75%", text, StringComparison.Ordinal);
                Assert.Contains("#1", text, StringComparison.Ordinal);
                Assert.Equal([QuizQuestionView.ReportLabel], reveal.Buttons().Select(b => b.Label));
            }
        }
    }

    [Fact]
    public async Task The_same_answer_clicked_twice_is_scored_once()
    {
        using var harness = new PipelineHarness();
        var screen = await StartTrueFalseOrChoiceQuizAsync(harness, Alice);
        var question = QuizPlaythrough.QuestionOn(screen);
        var play = new QuizPlaythrough(harness.SendAsync, Alice);

        var first = await play.AnswerAsync(screen, correctly: true);
        var second = await play.AnswerAsync(screen, correctly: true);

        QuizPlaythrough.AssertRevealCites(first, question, correct: true);
        // The second press re-sends the same reveal and the same next question as the message update: idempotent, scored once.
        Assert.Equal(InteractionCallbackType.UpdateMessage, second.Type);
        Assert.Equal(first.Data!.Embeds!.Select(e => e.Description), second.Data!.Embeds!.Select(e => e.Description));
        Assert.Equal(first.Buttons().Select(b => b.CustomId), second.Buttons().Select(b => b.CustomId));
        Assert.NotEqual(question.Id, QuizPlaythrough.QuestionOn(second).Id);
        var stats = await harness.Store.Stats.GetStatsAsync(new(TestUser.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), Alice.UserId), harness.Time.GetUtcNow());
        Assert.Equal(1, stats.Answered);
    }

    [Fact]
    public async Task Someone_else_s_button_is_refused_and_changes_nothing()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 2)));

        var response = await harness.SendAsync(Bob.Click(screen.ButtonId(QuizQuestionView.SkipLabel)));

        Assert.True(response.IsEphemeral());
        Assert.Equal(Replies.NotYourQuiz, response.Data!.Content);
        var mine = await harness.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.SkipLabel)));
        Assert.StartsWith("⏭", mine.Data!.Embeds![0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_typed_answer_is_refused_without_scoring()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 25)));
        while (!screen.Buttons().Any(b => b.Label == QuizQuestionView.TypeAnswerLabel))
        {
            screen = await harness.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.SkipLabel)));
        }

        var modal = await harness.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.TypeAnswerLabel)));
        var response = await harness.SendAsync(Alice.Submit(modal.Data!.CustomId!, (QuizIds.AnswerInput, "   ")));

        Assert.Equal(QuizModule.EmptyTypedAnswer, response.Data!.Content);
        var question = QuizPlaythrough.QuestionOn(screen);
        var answered = await harness.SendAsync(Alice.Submit(modal.Data.CustomId!, (QuizIds.AnswerInput, question.Answer.ToUpperInvariant())));
        QuizPlaythrough.AssertRevealCites(answered, question, correct: true);
        Assert.Contains("Your answer: ", answered.Data!.Embeds![0].Description!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_asks_the_questions_missed_and_says_so_when_there_are_none()
    {
        using var harness = new PipelineHarness();
        var nothing = await harness.SendAsync(Alice.Command("review"));
        Assert.StartsWith("Nothing to review", nothing.Data!.Content, StringComparison.Ordinal);

        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1)));
        var missed = QuizPlaythrough.QuestionOn(screen);
        await new QuizPlaythrough(harness.SendAsync, Alice).AnswerAsync(screen, correctly: false);

        var review = await harness.SendAsync(Alice.Command("review"));
        Assert.Contains("Review", review.Data!.Embeds![0].Title, StringComparison.Ordinal);
        Assert.Equal(missed.Id, QuizPlaythrough.QuestionOn(review).Id);
    }

    [Fact]
    public async Task A_report_goes_through_a_modal_into_the_store()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(Alice.Command("quiz"));
        var question = QuizPlaythrough.QuestionOn(screen);

        var modal = await harness.SendAsync(Alice.Click(screen.ButtonId(QuizQuestionView.ReportLabel)));
        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        var thanks = await harness.SendAsync(Alice.Submit(modal.Data!.CustomId!, (QuizIds.ReasonInput, "The date looks wrong")));

        Assert.StartsWith("Thanks", thanks.Data!.Content, StringComparison.Ordinal);
        var report = Assert.Single(await harness.Store.Guilds.GetReportsAsync(Alice.GuildId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), false));
        Assert.Equal(question.Id, report.QuestionId);
        Assert.Equal("The date looks wrong", report.Reason);
    }

    [Fact]
    public async Task The_answer_and_report_forms_open_from_the_custom_id_alone_even_with_the_store_down()
    {
        // Every store call throws: a form that read the quiz first would answer "Something went wrong".
        var down = new Moq.Mock<Core.Ports.IQuizStore>(Moq.MockBehavior.Strict);
        using var harness = new PipelineHarness(configure: services => services.AddSingleton(down.Object));

        var typed = await harness.SendAsync(Alice.Click("q1:0123456789abcdef:t:2:10"));
        var report = await harness.SendAsync(Alice.Click("q1:0123456789abcdef:r:4"));
        var oldButton = await harness.SendAsync(Alice.Click("q1:0123456789abcdef:t:2"));

        Assert.Equal(InteractionCallbackType.Modal, typed.Type);
        Assert.Equal("q1:0123456789abcdef:tm:2", typed.Data!.CustomId);
        Assert.Equal("Question 3/10", typed.Data.Title);
        Assert.Equal(InteractionCallbackType.Modal, report.Type);
        Assert.Equal("q1:0123456789abcdef:rm:4", report.Data!.CustomId);
        Assert.Equal("Question 3", oldButton.Data!.Title);
        down.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_forged_typed_answer_is_still_judged_by_the_quiz_and_changes_nothing()
    {
        using var harness = new PipelineHarness();
        var screen = await StartTrueFalseOrChoiceQuizAsync(harness, Alice);
        var session = screen.ButtonId(QuizQuestionView.SkipLabel).Split(':')[1];
        var stored = await harness.Store.Quizzes.GetSessionAsync(session);

        var onAChoice = await harness.SendAsync(Alice.Submit($"q1:{session}:tm:{stored!.Position}", (QuizIds.AnswerInput, "anything")));
        var notShown = await harness.SendAsync(Alice.Submit($"q1:{session}:tm:{stored.Position + 1}", (QuizIds.AnswerInput, "anything")));
        var notHers = await harness.SendAsync(Bob.Submit($"q1:{session}:tm:{stored.Position}", (QuizIds.AnswerInput, "anything")));

        Assert.Equal("Pick one of the choices.", onAChoice.Data!.Content);
        Assert.Equal(Replies.QuizEnded, notShown.Data!.Content);
        Assert.Equal(Replies.NotYourQuiz, notHers.Data!.Content);
        var after = await harness.Store.Quizzes.GetSessionAsync(session);
        Assert.Equal((stored.Position, stored.Version, stored.Answered), (after!.Position, after.Version, after.Answered));
    }

    [Fact]
    public async Task Bad_options_get_a_clear_answer()
    {
        using var harness = new PipelineHarness();

        var topic = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.String("topic", "no-such-topic")));
        var length = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 99)));

        Assert.Contains("There is no topic", topic.Data!.Content, StringComparison.Ordinal);
        Assert.Contains("1 to 25", length.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topic_autocomplete_offers_matching_topics_only()
    {
        using var harness = new PipelineHarness();
        var topic = RealDeck.First.Topics[0];

        var all = await harness.SendAsync(Alice.Autocomplete("quiz", InteractionDataOption.String("topic", "", focused: true)));
        var some = await harness.SendAsync(Alice.Autocomplete("study", InteractionDataOption.String("topic", topic[..4].ToUpperInvariant(), focused: true)));

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, all.Type);
        Assert.Equal(Math.Min(25, RealDeck.First.Topics.Count), all.Data!.Choices!.Count);
        Assert.Contains(some.Data!.Choices!, c => c.Name == topic);
        Assert.All(some.Data.Choices!, c => Assert.Contains(topic[..4], c.Name, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<InteractionResponse> StartTrueFalseOrChoiceQuizAsync(PipelineHarness harness, TestUser user)
    {
        var screen = await harness.SendAsync(user.Command("quiz", InteractionDataOption.Integer("length", 25)));
        while (screen.Buttons().Any(b => b.Label == QuizQuestionView.TypeAnswerLabel))
        {
            screen = await harness.SendAsync(user.Click(screen.ButtonId(QuizQuestionView.SkipLabel)));
        }

        return screen;
    }
}
