// The decision properties below are read repeatedly after one null check; the extension properties hide that flow.
#nullable disable warnings
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Quiz;

public sealed class QuizEngineTests
{
    private static readonly PlayerKey Player = new("guild-1", "user-1");
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, int> NoneSeen = new Dictionary<string, int>();
    private readonly Deck deck = TestDecks.Build();

    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    [InlineData(-3)]
    public void A_length_out_of_range_is_refused_with_a_clear_message(int length)
    {
        var plan = QuizEngine.PlanQuiz(deck, null, length, NoneSeen, 1);
        Assert.Equal(QuizStartError.InvalidLength, plan.Error);
    }

    [Fact]
    public void The_default_length_is_ten_and_no_question_repeats()
    {
        var plan = QuizEngine.PlanQuiz(deck, null, null, NoneSeen, 1);
        Assert.Equal(10, plan.QuestionIds.Count);
        Assert.Equal(plan.QuestionIds.Count, plan.QuestionIds.Distinct().Count());
    }

    [Fact]
    public void A_quiz_longer_than_the_pool_asks_every_question_once()
    {
        var small = TestDecks.Build(facts: 2);
        var plan = QuizEngine.PlanQuiz(small, null, 25, NoneSeen, 1);
        Assert.Equal(small.Questions.Select(q => q.Id).Order(), plan.QuestionIds.Order());
    }

    [Fact]
    public void The_topic_filter_keeps_only_its_facts_and_is_case_insensitive()
    {
        var plan = QuizEngine.PlanQuiz(deck, "EVEN", 25, NoneSeen, 1);
        Assert.True(plan.IsValid);
        Assert.Equal("even", plan.Topic);
        Assert.Equal(12, plan.QuestionIds.Count);
        Assert.All(plan.QuestionIds, id => Assert.Contains(id.Split('-')[1], new[] { "2", "4", "6" }));
    }

    [Fact]
    public void A_topic_the_deck_lacks_plans_nothing()
    {
        var plan = QuizEngine.PlanQuiz(deck, "weather", 5, NoneSeen, 1);
        Assert.Equal(QuizStartError.NoQuestions, plan.Error);
    }

    [Fact]
    public void Least_seen_questions_come_first()
    {
        var seen = deck.Questions.ToDictionary(q => q.Id, q => q.Kind == QuestionKind.TrueFalse ? 0 : 3);
        seen["fact-1-mc1"] = 1;
        var plan = QuizEngine.PlanQuiz(deck, null, 7, seen, 5);
        Assert.Equal(6, plan.QuestionIds.Count(id => id.EndsWith("-tf1", StringComparison.Ordinal)));
        Assert.Equal("fact-1-mc1", plan.QuestionIds[6]);
    }

    [Fact]
    public void A_quiz_prefers_different_facts_and_mixes_kinds()
    {
        var plan = QuizEngine.PlanQuiz(deck, null, 8, NoneSeen, 9);
        var questions = plan.QuestionIds.Select(id => deck.Questions.Single(q => q.Id == id)).ToList();
        Assert.Equal(6, questions.Take(6).Select(q => q.FactId).Distinct().Count());
        Assert.All(questions.GroupBy(q => q.Kind), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_quiz_and_other_seeds_vary_it()
    {
        var first = QuizEngine.PlanQuiz(deck, null, 10, NoneSeen, 42).QuestionIds;
        Assert.Equal(first, QuizEngine.PlanQuiz(deck, null, 10, NoneSeen, 42).QuestionIds);
        var others = Enumerable.Range(0, 10).Select(seed => string.Join(",", QuizEngine.PlanQuiz(deck, null, 10, NoneSeen, seed).QuestionIds));
        Assert.True(others.Distinct().Count() > 1);
    }

    [Fact]
    public void Each_pick_is_a_least_one_by_times_seen_then_fact_then_kind()
    {
        // Uneven seen counts, so every key of the rule decides some picks; checked against every candidate left.
        var questions = deck.Questions.ToList();
        var seen = questions.Select((q, i) => (q.Id, Count: i % 3)).ToDictionary(x => x.Id, x => x.Count);
        for (var seed = 0; seed < 40; seed++)
        {
            var plan = QuizEngine.PlanQuiz(deck, null, 12, seen, seed).QuestionIds;
            Assert.Equal(12, plan.Distinct().Count());
            var facts = new HashSet<string>();
            var kinds = new Dictionary<QuestionKind, int>();
            (int, int, int) Key(Question q) => (seen[q.Id], facts.Contains(q.FactId) ? 1 : 0, kinds.GetValueOrDefault(q.Kind));
            foreach (var id in plan)
            {
                var chosen = questions.Single(q => q.Id == id);
                var left = questions.Where(q => !plan.TakeWhile(p => p != id).Contains(q.Id));
                Assert.All(left, q => Assert.True(Key(chosen).CompareTo(Key(q)) <= 0, $"seed {seed}: {id} picked before {q.Id}"));
                facts.Add(chosen.FactId);
                kinds[chosen.Kind] = kinds.GetValueOrDefault(chosen.Kind) + 1;
            }
        }
    }

    [Fact]
    public void Passing_a_vanished_question_needs_only_that_it_left_the_deck()
    {
        var session = SessionOf("fact-1-mc1", "gone-question", "fact-2-tf1");
        Assert.Null(QuizEngine.PassVanished(session, deck, Now));

        var atGone = session with { Position = 1, Version = 1 };
        var pass = QuizEngine.PassVanished(atGone, deck, Now);
        Assert.NotNull(pass);
        Assert.Equal(2, pass.After.Position);
        Assert.Equal(QuizStepKind.Skipped, Assert.Single(pass.Steps).Kind);
    }

    [Fact]
    public void Multiple_choice_is_presented_in_a_session_seeded_order()
    {
        var session = SessionOf("fact-1-mc1");
        var presented = QuizEngine.Present(session, deck)!;
        Assert.Equal("Question 1/1", presented.Progress);
        Assert.Equal(presented.Question.Choices.Order(), presented.Choices.Order());
        Assert.Equal(presented.ChoiceOrder.Select(i => presented.Question.Choices[i]), presented.Choices);
        Assert.Equal(presented.Choices, QuizEngine.Present(session, deck)!.Choices);

        var orders = Enumerable.Range(0, 12).Select(seed => string.Join(",", QuizEngine.Present(session with { Seed = seed }, deck)!.ChoiceOrder));
        Assert.True(orders.Distinct().Count() > 1, "the order depends on the session's seed");
    }

    [Fact]
    public void True_false_is_presented_as_true_then_false_and_typed_without_choices()
    {
        var session = SessionOf("fact-1-tf1", "fact-1-typed1");
        Assert.Equal(["True", "False"], QuizEngine.Present(session, deck)!.Choices);
        var typed = QuizEngine.Present(session with { Position = 1 }, deck)!;
        Assert.Empty(typed.Choices);
        Assert.True(typed.IsTyped);
        Assert.Equal("Question 2/2", typed.Progress);
    }

    [Fact]
    public void A_right_choice_scores_advances_and_reveals_the_fact_with_its_sources()
    {
        var session = SessionOf("fact-1-mc1", "fact-2-tf1");
        var presented = QuizEngine.Present(session, deck)!;
        var right = presented.Choices.ToList().IndexOf("Answer1");

        var step = QuizEngine.Answer(session, deck, Player, "Ann", 0, PlayerAnswer.Choice(right), Now);

        Assert.Equal(StepKind.Revealed, step.Status);
        Assert.True(step.Reveal!.IsCorrect);
        Assert.Equal(10, step.Reveal.PointsAwarded);
        Assert.Equal("fact-1", step.Reveal.Fact.Id);
        Assert.Equal([4, 2], step.Reveal.Citations.Select(c => c.Footnote));
        Assert.Equal("Source [4] — \"Bishkek, Moscow Agree to Expand Russian Base\", RFE/RL (accessed 09.05.2023)", step.Reveal.Citations[0].Text);
        Assert.Equal("https://example.org/4", step.Reveal.Citations[0].Url);
        Assert.Equal(new AnswerRecord(Player, "Ann", session.Id, 0, "fact-1-mc1", "fact-1", step.Reveal.Fact.Topics, true, 10, QuizMode.Quiz, Now), step.Record);
        Assert.Equal((1, 1, 1, 10, 1, 1), (step.SessionAfter!.Position, step.SessionAfter.Answered, step.SessionAfter.Correct, step.SessionAfter.Points, step.SessionAfter.Streak, step.SessionAfter.BestStreak));
        Assert.False(step.SessionAfter.IsFinished);
    }

    [Fact]
    public void A_fact_without_a_footnote_reveals_no_sources()
    {
        var session = SessionOf("fact-3-typed1");
        var step = QuizEngine.Answer(session, deck, Player, "Ann", 0, PlayerAnswer.Typed("answer3"), Now);
        Assert.True(step.Reveal!.IsCorrect);
        Assert.Null(Assert.Single(step.Reveal.Citations).Footnote);
        Assert.True(step.Reveal.Fact.CitesArticleItself);
    }

    [Fact]
    public void A_wrong_answer_scores_nothing_resets_the_streak_and_shows_the_right_answer()
    {
        var session = SessionOf("fact-1-typed1") with { Streak = 3, BestStreak = 3 };
        var step = QuizEngine.Answer(session, deck, Player, "Ann", 0, PlayerAnswer.Typed("Answer9"), Now);
        Assert.False(step.Reveal!.IsCorrect);
        Assert.Equal("Answer1", step.Reveal.Verdict.CanonicalAnswer);
        Assert.Equal(0, step.Record!.Points);
        Assert.False(step.Record.Correct);
        Assert.Equal((0, 3), (step.SessionAfter!.Streak, step.SessionAfter.BestStreak));
        Assert.Equal(Now, step.SessionAfter.FinishedAt);
    }

    [Fact]
    public void Streaks_add_bonus_points()
    {
        var session = SessionOf("fact-1-typed1", "fact-2-typed1", "fact-3-typed1");
        var points = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var step = QuizEngine.Answer(session, deck, Player, "Ann", i, PlayerAnswer.Typed($"Answer{i + 1}"), Now);
            points.Add(step.Record!.Points);
            session = step.SessionAfter!;
        }

        Assert.Equal([15, 17, 19], points);
        Assert.Equal((51, 3, 3), (session.Points, session.BestStreak, session.Correct));
        Assert.True(session.IsFinished);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_stale_index_is_already_answered_and_changes_nothing(int index)
    {
        var session = SessionOf("fact-1-tf1", "fact-2-tf1") with { Position = 0 };
        var step = QuizEngine.Answer(session with { Position = 0 }, deck, Player, "Ann", index, PlayerAnswer.Choice(0), Now);
        Assert.Equal(StepKind.AlreadyAnswered, step.Status);
        Assert.Null(step.SessionAfter);
        Assert.Null(step.Record);
    }

    [Fact]
    public void A_finished_quiz_takes_no_answer_or_skip()
    {
        var session = SessionOf("fact-1-tf1") with { Position = 1, FinishedAt = Now };
        Assert.Equal(StepKind.AlreadyAnswered, QuizEngine.Answer(session, deck, Player, "Ann", 1, PlayerAnswer.Choice(0), Now).Status);
        Assert.Equal(StepKind.AlreadyAnswered, QuizEngine.Skip(session, deck, Player, 0, Now).Status);
    }

    [Fact]
    public void Someone_elses_quiz_is_refused()
    {
        var session = SessionOf("fact-1-tf1");
        Assert.Equal(StepKind.NotYourQuiz, QuizEngine.Answer(session, deck, new PlayerKey("guild-1", "user-2"), "Bob", 0, PlayerAnswer.Choice(0), Now).Status);
    }

    [Fact]
    public void A_session_of_another_deck_is_not_found()
    {
        var session = SessionOf("fact-1-tf1");
        Assert.Equal(StepKind.NotFound, QuizEngine.Answer(session, TestDecks.Build(id: "other"), Player, "Ann", 0, PlayerAnswer.Choice(0), Now).Status);
    }

    [Fact]
    public void Answers_that_do_not_fit_the_question_are_refused()
    {
        var choice = SessionOf("fact-1-mc1");
        var typed = SessionOf("fact-1-typed1");
        Assert.Equal(StepKind.InvalidAnswer, QuizEngine.Answer(choice, deck, Player, "Ann", 0, PlayerAnswer.Typed("Answer1"), Now).Status);
        Assert.Equal(StepKind.InvalidAnswer, QuizEngine.Answer(choice, deck, Player, "Ann", 0, PlayerAnswer.Choice(4), Now).Status);
        Assert.Equal(StepKind.InvalidAnswer, QuizEngine.Answer(typed, deck, Player, "Ann", 0, PlayerAnswer.Choice(0), Now).Status);
    }

    [Fact]
    public void An_empty_typed_answer_is_wrong()
    {
        var step = QuizEngine.Answer(SessionOf("fact-1-typed1"), deck, Player, "Ann", 0, PlayerAnswer.Typed("  "), Now);
        Assert.Equal(AnswerMatch.Empty, step.Reveal!.Verdict.Match);
        Assert.False(step.Record!.Correct);
    }

    [Fact]
    public void Skip_scores_nothing_resets_the_streak_and_reveals_the_answer()
    {
        var session = SessionOf("fact-2-tf1", "fact-1-mc1") with { Streak = 2, BestStreak = 2 };
        var step = QuizEngine.Skip(session, deck, Player, 0, Now);
        Assert.Equal(StepKind.Revealed, step.Status);
        Assert.Null(step.Record);
        Assert.True(step.Reveal!.Skipped);
        Assert.False(step.Reveal.IsCorrect);
        Assert.Equal("True", step.Reveal.Verdict.CanonicalAnswer);
        Assert.Equal((1, 0, 0, 2), (step.SessionAfter!.Position, step.SessionAfter.Answered, step.SessionAfter.Streak, step.SessionAfter.BestStreak));
    }

    [Fact]
    public void Summary_counts_skips_in_the_score_but_not_the_accuracy()
    {
        var session = SessionOf("a", "b", "c", "d") with { Position = 4, Answered = 3, Correct = 2, Points = 27, BestStreak = 2, FinishedAt = Now };
        var summary = QuizEngine.Summarize(session);
        Assert.Equal("2/4", summary.Score);
        Assert.Equal(1, summary.Skipped);
        Assert.Equal(2 / 3.0, summary.Accuracy, 1e-12);
        Assert.Equal((27, 2), (summary.Points, summary.BestStreak));
    }

    [Fact]
    public void Review_plan_keeps_known_missed_questions_newest_first()
    {
        var plan = QuizEngine.PlanReview(deck, ["fact-2-tf1", "gone-question", "fact-1-mc1", "fact-2-tf1"], null);
        Assert.Equal(["fact-2-tf1", "fact-1-mc1"], plan.QuestionIds);
    }

    [Fact]
    public void Review_plan_with_nothing_missed_says_so()
    {
        var plan = QuizEngine.PlanReview(deck, ["gone-question"], null);
        Assert.Equal(QuizStartError.NothingToReview, plan.Error);
    }

    [Fact]
    public void Present_returns_null_when_the_quiz_is_over_or_the_question_vanished()
    {
        Assert.Null(QuizEngine.Present(SessionOf("fact-1-mc1") with { Position = 1, FinishedAt = Now }, deck));
        Assert.Null(QuizEngine.Present(SessionOf("no-such-question"), deck));
    }

    private QuizSession SessionOf(params string[] questionIds) =>
        QuizEngine.NewSession("s1", Player, deck, QuizMode.Quiz, new QuizPlan(questionIds, null, null), 7, Now);
}

/// <summary>Reads a decision the way these tests were first written: a status, the reveal, the record, the session after.</summary>
internal enum StepKind
{
    Revealed,
    AlreadyAnswered,
    NotYourQuiz,
    NotFound,
    InvalidAnswer,
}

internal static class DecisionReading
{
    extension(QuizDecision decision)
    {
        public StepKind Status => decision switch
        {
            QuizDecision.Take => StepKind.Revealed,
            QuizDecision.Invalid => StepKind.InvalidAnswer,
            QuizDecision.Refuse { Reason: QuizRefusal.NotYours } => StepKind.NotYourQuiz,
            QuizDecision.Refuse { Reason: QuizRefusal.NotFound } => StepKind.NotFound,
            _ => StepKind.AlreadyAnswered,
        };

        public AnswerReveal? Reveal => (decision as QuizDecision.Take)?.Reveal;

        public AnswerRecord? Record => (decision as QuizDecision.Take)?.Transition.Answer;

        public QuizSession? SessionAfter => (decision as QuizDecision.Take)?.Transition.After;
    }
}
