using QuizBot.Core.Decks;
using QuizBot.Core.Tests.Fakes;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

public sealed class TriviaPlanTests
{
    private readonly Deck deck = TestDecks.Build(6);

    [Fact]
    public void A_game_asks_only_button_questions_without_repeats_each_fact_once_before_any_again()
    {
        var plan = Plan(questions: 12);

        var asked = plan.Rounds.Select(r => Question(r.QuestionId)).ToList();

        Assert.Equal(12, asked.Count);
        Assert.All(asked, q => Assert.True(q.Kind is QuestionKind.MultipleChoice or QuestionKind.TrueFalse, q.Id));
        Assert.Equal(12, asked.Select(q => q.Id).Distinct().Count());
        Assert.Equal(6, asked.Take(6).Select(q => q.FactId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 12), plan.Rounds.Select(r => r.Index));
        Assert.All(plan.Rounds, r => Assert.Null(r.Deadline));
    }

    [Fact]
    public void The_default_game_has_ten_questions_of_twenty_seconds()
    {
        var (plan, refusal) = TriviaPlan.Create(deck, null, null, null, 5);

        Assert.Null(refusal);
        Assert.Equal(10, plan!.Rounds.Count);
        Assert.Equal(20, plan.Seconds);
        Assert.Equal(TriviaShortening.None, plan.Shortening);
    }

    [Fact]
    public void The_same_seed_gives_the_same_questions_and_choice_order_and_other_seeds_differ()
    {
        var first = Describe(Plan(seed: 42));
        var again = Describe(Plan(seed: 42));
        var others = Enumerable.Range(1, 5).Select(seed => Describe(Plan(seed: seed))).ToList();

        Assert.Equal(first, again);
        Assert.Contains(others, other => !other.SequenceEqual(first));
    }

    [Fact]
    public void Multiple_choice_choices_are_shuffled_and_true_false_keep_true_then_false()
    {
        var rounds = Enumerable.Range(1, 10).SelectMany(seed => Plan(seed: seed).Rounds).ToList();

        Assert.All(rounds, r =>
        {
            var question = Question(r.QuestionId);
            Assert.Equal(Enumerable.Range(0, question.Kind == QuestionKind.TrueFalse ? 2 : question.Choices.Count), r.ChoiceOrder.Order());
            if (question.Kind == QuestionKind.TrueFalse)
            {
                Assert.Equal([0, 1], r.ChoiceOrder);
            }
        });
        Assert.Contains(rounds, r => Question(r.QuestionId).Kind == QuestionKind.MultipleChoice && !r.ChoiceOrder.SequenceEqual(r.ChoiceOrder.Order()));
    }

    [Fact]
    public void A_topic_limits_the_questions_and_a_short_pool_shortens_the_game()
    {
        var (plan, _) = TriviaPlan.Create(deck, "EVEN", 10, 20, 3);

        Assert.Equal("even", plan!.Topic);
        Assert.Equal(6, plan.Rounds.Count);
        Assert.Equal(TriviaShortening.ToAvailableQuestions, plan.Shortening);
        Assert.All(plan.Rounds, r => Assert.Contains("even", Fact(r.QuestionId).Topics));
    }

    [Theory]
    [InlineData(null, 0, 20, TriviaStartRefusal.QuestionsOutOfRange, 0)]
    [InlineData(null, 21, 20, TriviaStartRefusal.QuestionsOutOfRange, 21)]
    [InlineData(null, 5, 9, TriviaStartRefusal.SecondsOutOfRange, 9)]
    [InlineData(null, 5, 61, TriviaStartRefusal.SecondsOutOfRange, 61)]
    [InlineData("nope", 5, 20, TriviaStartRefusal.UnknownTopic, null)]
    public void Bad_settings_are_refused_with_a_reason(string? topic, int questions, int seconds, TriviaStartRefusal reason, int? value)
    {
        var (plan, refusal) = TriviaPlan.Create(deck, topic, questions, seconds, 1);

        Assert.Null(plan);
        Assert.Equal(reason, refusal!.Reason);
        Assert.Equal(value, refusal.Value);
        if (reason == TriviaStartRefusal.UnknownTopic)
        {
            Assert.Equal("nope", refusal.Topic);
            Assert.Equal(deck.Topics, refusal.KnownTopics);
        }
    }

    [Fact]
    public void A_deck_without_button_questions_cannot_start_a_game()
    {
        var typedOnly = deck with { Facts = deck.Facts.Select(f => f with { Questions = f.Questions.Where(q => q.Kind == QuestionKind.Typed).ToList() }).ToList() };

        var (plan, refusal) = TriviaPlan.Create(typedOnly, null, 5, 20, 1);

        Assert.Null(plan);
        Assert.Equal(TriviaStartRefusal.NoButtonQuestions, refusal!.Reason);
    }

    [Fact]
    public void A_game_longer_than_the_token_lasts_is_cut()
    {
        var big = TestDecks.Build(30);

        var (cut, _) = TriviaPlan.Create(big, null, 20, 60, 1);
        var (fits, _) = TriviaPlan.Create(big, null, 20, 42, 1);

        Assert.Equal((14, TriviaShortening.ToPlayTime), (cut!.Rounds.Count, cut.Shortening));
        Assert.Equal((20, TriviaShortening.None), (fits!.Rounds.Count, fits.Shortening));
    }

    private TriviaPlan Plan(int questions = 10, int seconds = 20, int seed = 7)
    {
        var (plan, refusal) = TriviaPlan.Create(deck, null, questions, seconds, seed);
        Assert.Null(refusal);
        return plan!;
    }

    private Question Question(string id) => deck.Questions.Single(q => q.Id == id);

    private Fact Fact(string questionId) => deck.Facts.Single(f => f.Questions.Any(q => q.Id == questionId));

    private static List<string> Describe(TriviaPlan plan) => plan.Rounds.Select(r => r.QuestionId + ":" + string.Join("|", r.ChoiceOrder)).ToList();
}
