using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Quiz;

public sealed class QuizServiceTests
{
    private static readonly PlayerKey Player = new("guild-1", "user-1");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryQuizStore store = new();
    private readonly Deck deck = TestDecks.Build();
    private readonly QuizService service;

    public QuizServiceTests()
    {
        service = new QuizService(store, clock, new Random(1234));
    }

    [Fact]
    public async Task A_whole_quiz_runs_to_its_summary()
    {
        var start = await service.StartAsync(Player, deck, null, 5);
        Assert.True(start.Started);
        Assert.Equal("Question 1/5", start.Current!.Progress);

        var current = start.Current;
        QuizAnswerResult? last = null;
        var right = 0;
        for (var i = 0; i < 5; i++)
        {
            var answerRight = i != 2;
            right += answerRight ? 1 : 0;
            clock.Advance(TimeSpan.FromSeconds(10));
            last = await service.AnswerAsync(start.Session!.Id, Player, "Ann", deck, current!.Index, AnswerFor(current, answerRight));
            Assert.Equal(QuizStepStatus.Revealed, last.Status);
            Assert.Equal(answerRight, last.Reveal!.IsCorrect);
            current = last.Next;
        }

        Assert.Null(last!.Next);
        Assert.Equal(right, last.Summary!.Correct);
        Assert.Equal(5, last.Summary.Answered);
        Assert.Equal(store.Answers.Sum(a => a.Points), last.Summary.Points);
        Assert.Equal(2, last.Summary.BestStreak);
        Assert.True(store.Sessions[start.Session!.Id].IsFinished);
        Assert.Equal(clock.GetUtcNow(), store.Answers[^1].AnsweredAt);
    }

    [Fact]
    public async Task The_same_answer_twice_is_scored_once()
    {
        var start = await service.StartAsync(Player, deck, null, 3);
        var answer = AnswerFor(start.Current!, right: true);
        var first = await service.AnswerAsync(start.Session!.Id, Player, "Ann", deck, 0, answer);
        var second = await service.AnswerAsync(start.Session.Id, Player, "Ann", deck, 0, answer);

        Assert.Equal(QuizStepStatus.Revealed, first.Status);
        Assert.Equal(QuizStepStatus.AlreadyAnswered, second.Status);
        Assert.Single(store.Answers);
        Assert.Equal(first.Session!.Points, store.Sessions[start.Session.Id].Points);
        Assert.Equal(1, second.Next!.Index);
    }

    [Fact]
    public async Task A_lost_race_in_the_store_reloads_the_session_and_reports_already_answered()
    {
        var session = QuizEngine.NewSession("s1", Player, deck, QuizMode.Quiz, new QuizPlan(["fact-1-tf1", "fact-2-tf1"], null, null, ""), 3, clock.GetUtcNow());
        var winner = session with { Position = 1, Answered = 1, Correct = 1, Points = 5, Streak = 1, BestStreak = 1 };
        var racing = new Mock<IQuizStore>();
        racing.SetupSequence(s => s.GetSessionAsync("s1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(session)
            .ReturnsAsync(winner);
        racing.Setup(s => s.RecordAnswerAsync(It.IsAny<AnswerRecord>(), It.IsAny<QuizSession>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await new QuizService(racing.Object, clock).AnswerAsync("s1", Player, "Ann", deck, 0, PlayerAnswer.Choice(1));

        Assert.Equal(QuizStepStatus.AlreadyAnswered, result.Status);
        Assert.Equal(winner, result.Session);
        Assert.Equal(1, result.Next!.Index);
        racing.Verify(s => s.SaveSessionAsync(It.IsAny<QuizSession>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_skip_that_loses_the_race_to_an_answer_keeps_the_answers_points()
    {
        var session = QuizEngine.NewSession("s1", Player, deck, QuizMode.Quiz, new QuizPlan(["fact-1-tf1", "fact-2-tf1"], null, null, ""), 3, clock.GetUtcNow());
        var answered = session with { Position = 1, Answered = 1, Correct = 1, Points = 5, Streak = 1, BestStreak = 1 };
        await store.SaveSessionAsync(answered);

        // The skip read the session before the answer was stored, so it decides on position 0.
        var racing = new Mock<IQuizStore>();
        racing.SetupSequence(s => s.GetSessionAsync("s1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(session)
            .ReturnsAsync(answered);
        racing.Setup(s => s.SaveSessionAsync(It.IsAny<QuizSession>(), It.IsAny<CancellationToken>()))
            .Returns((QuizSession stale, CancellationToken token) => store.SaveSessionAsync(stale, token));

        var result = await new QuizService(racing.Object, clock).SkipAsync("s1", Player, deck, 0);

        Assert.Equal(QuizStepStatus.AlreadyAnswered, result.Status);
        Assert.Equal(answered, store.Sessions["s1"]);
        Assert.Equal(5, result.Session!.Points);
    }

    [Fact]
    public async Task Resume_continues_the_unfinished_quiz()
    {
        var start = await service.StartAsync(Player, deck, "odd", 4);
        await service.AnswerAsync(start.Session!.Id, Player, "Ann", deck, 0, AnswerFor(start.Current!, right: true));

        var resumed = await service.StartAsync(Player, deck, null, 10, resume: true);

        Assert.True(resumed.Resumed);
        Assert.Equal(start.Session.Id, resumed.Session!.Id);
        Assert.Equal("Question 2/4", resumed.Current!.Progress);
    }

    [Fact]
    public async Task Without_resume_a_new_quiz_starts()
    {
        var first = await service.StartAsync(Player, deck, null, 4);
        var second = await service.StartAsync(Player, deck, null, 4);
        Assert.NotEqual(first.Session!.Id, second.Session!.Id);
        Assert.False(second.Resumed);
    }

    [Fact]
    public async Task Resume_with_nothing_unfinished_starts_a_new_quiz()
    {
        var start = await service.StartAsync(Player, deck, null, 2, resume: true);
        Assert.True(start.Started);
        Assert.False(start.Resumed);
    }

    [Fact]
    public async Task Bad_start_input_returns_an_error_and_saves_nothing()
    {
        var tooLong = await service.StartAsync(Player, deck, null, 30);
        var badTopic = await service.StartAsync(Player, deck, "nope", 5);
        Assert.Equal(QuizStartError.InvalidLength, tooLong.Error);
        Assert.Equal(QuizStartError.UnknownTopic, badTopic.Error);
        Assert.Empty(store.Sessions);
    }

    [Fact]
    public async Task Seen_questions_give_way_to_unseen_ones_in_the_next_quiz()
    {
        var small = TestDecks.Build(facts: 2);
        var first = await service.StartAsync(Player, small, null, 4);
        var current = first.Current;
        while (current is not null)
        {
            current = (await service.AnswerAsync(first.Session!.Id, Player, "Ann", small, current.Index, AnswerFor(current, right: true))).Next;
        }

        var second = await service.StartAsync(Player, small, null, 4);
        Assert.Empty(second.Session!.QuestionIds.Intersect(first.Session!.QuestionIds));
    }

    [Fact]
    public async Task Review_asks_the_missed_questions_and_a_right_answer_clears_them()
    {
        Assert.Equal(QuizStartError.NothingToReview, (await service.StartReviewAsync(Player, deck)).Error);

        var quiz = await service.StartAsync(Player, deck, null, 3);
        var current = quiz.Current;
        var missed = new List<string>();
        while (current is not null)
        {
            missed.Add(current.Question.Id);
            current = (await service.AnswerAsync(quiz.Session!.Id, Player, "Ann", deck, current.Index, AnswerFor(current, right: false))).Next;
        }

        var review = await service.StartReviewAsync(Player, deck);
        Assert.Equal(QuizMode.Review, review.Session!.Mode);
        Assert.Equal(missed.Order(), review.Session.QuestionIds.Order());

        current = review.Current;
        while (current is not null)
        {
            current = (await service.AnswerAsync(review.Session.Id, Player, "Ann", deck, current.Index, AnswerFor(current, right: true))).Next;
        }

        Assert.All(store.Answers.Where(a => a.SessionId == review.Session.Id), a => Assert.Equal(QuizMode.Review, a.Mode));
        Assert.Equal(QuizStartError.NothingToReview, (await service.StartReviewAsync(Player, deck)).Error);
    }

    [Fact]
    public async Task Skip_saves_the_session_and_records_no_answer()
    {
        var start = await service.StartAsync(Player, deck, null, 2);
        var skipped = await service.SkipAsync(start.Session!.Id, Player, deck, 0);
        Assert.True(skipped.Reveal!.Skipped);
        Assert.Empty(store.Answers);
        Assert.Equal(1, store.Sessions[start.Session.Id].Position);

        var again = await service.SkipAsync(start.Session.Id, Player, deck, 0);
        Assert.Equal(QuizStepStatus.AlreadyAnswered, again.Status);
    }

    [Fact]
    public async Task An_unknown_session_is_not_found()
    {
        var result = await service.AnswerAsync("missing", Player, "Ann", deck, 0, PlayerAnswer.Choice(0));
        Assert.Equal(QuizStepStatus.NotFound, result.Status);
        Assert.Null(await service.GetAsync("missing", Player, deck));
    }

    [Fact]
    public async Task A_question_removed_from_the_deck_is_passed_over()
    {
        var session = QuizEngine.NewSession("s1", Player, deck, QuizMode.Quiz, new QuizPlan(["removed-question", "fact-1-tf1"], null, null, ""), 3, clock.GetUtcNow());
        await store.SaveSessionAsync(session);

        var view = await service.GetAsync("s1", Player, deck);

        Assert.Equal("fact-1-tf1", view!.Current!.Question.Id);
        Assert.Equal(1, store.Sessions["s1"].Position);
    }

    [Fact]
    public async Task Get_shows_the_summary_of_a_finished_quiz_and_hides_other_players_quizzes()
    {
        var start = await service.StartAsync(Player, deck, null, 1);
        await service.AnswerAsync(start.Session!.Id, Player, "Ann", deck, 0, AnswerFor(start.Current!, right: true));

        var view = await service.GetAsync(start.Session.Id, Player, deck);
        Assert.Null(view!.Current);
        Assert.Equal(1, view.Summary!.Correct);
        Assert.Null(await service.GetAsync(start.Session.Id, new PlayerKey("guild-1", "someone-else"), deck));
    }

    private static PlayerAnswer AnswerFor(PresentedQuestion presented, bool right)
    {
        var question = presented.Question;
        return question.Kind switch
        {
            QuestionKind.MultipleChoice => PlayerAnswer.Choice(IndexWhere(presented.Choices, c => (c == question.Answer) == right)),
            QuestionKind.TrueFalse => PlayerAnswer.Choice((question.Answer == "true") == right ? 0 : 1),
            _ => PlayerAnswer.Typed(right ? question.Answer : "something else"),
        };
    }

    private static int IndexWhere(IReadOnlyList<string> items, Func<string, bool> predicate) =>
        items.Select((item, index) => (item, index)).First(x => predicate(x.item)).index;
}
