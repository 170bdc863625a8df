using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Quiz;

public sealed class QuizServiceTests
{
    private static readonly PlayerKey Player = new("guild-1", "user-1");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryQuizStore store = new();
    private readonly QuizService service;

    public QuizServiceTests()
    {
        service = new QuizService(store, new DeckCatalog([TestDecks.Build(), OtherDeck()]), clock, new Random(1234));
    }

    [Fact]
    public async Task A_whole_quiz_runs_to_its_summary()
    {
        var start = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 5));
        Assert.Equal("Question 1/5", start.Current.Progress);

        var current = start.Current;
        QuizStepOutcome.Revealed? last = null;
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            last = Assert.IsType<QuizStepOutcome.Revealed>(await service.AnswerAsync(start.Session.Id, Player, "Ann", current.Index, AnswerFor(current, i != 2)));
            Assert.False(last.Replayed);
            if (last.Progress is QuizProgress.Continues next)
            {
                current = next.Next;
            }
        }

        var summary = Assert.IsType<QuizProgress.Finished>(last!.Progress).Summary;
        Assert.Equal((5, 5, 4), (summary.Total, summary.Answered, summary.Correct));
        Assert.Equal(5, store.Answers.Count);
    }

    [Fact]
    public async Task A_second_quiz_while_one_is_open_is_offered_to_resume_and_resuming_continues_it()
    {
        var first = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 5));
        await service.AnswerAsync(first.Session.Id, Player, "Ann", 0, AnswerFor(first.Current, true));

        var offered = Assert.IsType<QuizStartOutcome.AlreadyOpen>(await service.StartAsync(Player, "even", 3));
        Assert.Equal(first.Session.Id, offered.Open.Id);
        Assert.Equal(1, offered.Current.Index);

        var resumed = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 5, resume: true));
        Assert.True(resumed.Resumed);
        Assert.Equal(first.Session.Id, resumed.Session.Id);
        Assert.Single(store.Sessions);
    }

    [Fact]
    public async Task Abandoning_finishes_the_quiz_with_the_rest_counted_wrong_and_twice_is_the_same_end()
    {
        var first = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 4));
        await service.AnswerAsync(first.Session.Id, Player, "Ann", 0, AnswerFor(first.Current, true));

        var ended = Assert.IsType<QuizScreen.Finished>(await service.AbandonAsync(first.Session.Id, Player));
        Assert.Equal(("1/4", 3), (ended.Summary.Score, ended.Summary.Skipped));
        Assert.Equal(ended.Summary, Assert.IsType<QuizScreen.Finished>(await service.AbandonAsync(first.Session.Id, Player)).Summary);
        Assert.IsType<QuizStepOutcome.Refused>(await service.SkipAsync(first.Session.Id, Player, 1));
        Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 4));
    }

    [Fact]
    public async Task A_second_press_on_an_answered_question_replays_the_same_reveal_with_the_way_on()
    {
        var start = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 3));
        var answer = AnswerFor(start.Current, right: true);
        var first = Assert.IsType<QuizStepOutcome.Revealed>(await service.AnswerAsync(start.Session.Id, Player, "Ann", 0, answer));

        // The reveal never reached the member; every press on the old buttons shows it again.
        var again = Assert.IsType<QuizStepOutcome.Revealed>(await service.AnswerAsync(start.Session.Id, Player, "Ann", 0, AnswerFor(start.Current, right: false)));
        var skip = Assert.IsType<QuizStepOutcome.Revealed>(await service.SkipAsync(start.Session.Id, Player, 0));

        foreach (var replay in new[] { again, skip })
        {
            Assert.True(replay.Replayed);
            Assert.Equal(0, replay.QuestionIndex);
            Assert.Equal((first.Reveal.IsCorrect, first.Reveal.PointsAwarded, first.Reveal.Verdict), (replay.Reveal.IsCorrect, replay.Reveal.PointsAwarded, replay.Reveal.Verdict));
            Assert.Equal(first.Reveal.Citations, replay.Reveal.Citations);
            Assert.Equal(1, Assert.IsType<QuizProgress.Continues>(replay.Progress).Next.Index);
        }

        Assert.Single(store.Answers);
    }

    [Fact]
    public async Task A_skip_and_an_answer_at_once_give_one_outcome_shown_to_both()
    {
        var start = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 3));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var skip = Task.Run(async () => { await gate.Task; return await service.SkipAsync(start.Session.Id, Player, 0); });
        var answer = Task.Run(async () => { await gate.Task; return await service.AnswerAsync(start.Session.Id, Player, "Ann", 0, AnswerFor(start.Current, true)); });
        gate.SetResult();

        var results = (await Task.WhenAll(skip, answer)).Cast<QuizStepOutcome.Revealed>().ToList();
        Assert.Single(results, r => !r.Replayed);
        Assert.Equal(results[0].Reveal.Skipped, results[1].Reveal.Skipped);
        Assert.Equal(1, store.Sessions[start.Session.Id].Position);
        Assert.Equal(results[0].Reveal.Skipped ? 0 : 1, store.Answers.Count);
    }

    [Fact]
    public async Task A_question_revealed_by_a_skip_is_not_asked_for_points_again_that_day()
    {
        var first = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, "odd", 9));
        var skipped = first.Session.QuestionIds[0];
        await service.SkipAsync(first.Session.Id, Player, 0);
        await service.AbandonAsync(first.Session.Id, Player);

        for (var i = 0; i < 3; i++)
        {
            var next = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, "odd", 12));
            Assert.DoesNotContain(skipped, next.Session.QuestionIds);
            await service.AbandonAsync(next.Session.Id, Player);
        }

        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, "odd", 12));
        Assert.Contains(skipped, tomorrow.Session.QuestionIds);
    }

    [Fact]
    public async Task An_unknown_topic_lists_the_topics_of_every_deck_with_the_nearest_first()
    {
        var unknown = Assert.IsType<QuizStartOutcome.UnknownTopic>(await service.StartAsync(Player, "evn", 5)).Topic;
        Assert.Equal(["all", "even", "odd", "rivers"], unknown.Known);
        Assert.Equal("even", unknown.Suggestions[0]);

        // A topic of the second deck starts a quiz on that deck.
        var other = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, "Rivers", 1));
        Assert.Equal("other-deck", other.Deck.Id);
        Assert.Equal("rivers", other.Session.Topic);
    }

    [Fact]
    public async Task A_topic_of_a_megabyte_is_cut_before_it_is_compared_or_returned()
    {
        var unknown = Assert.IsType<QuizStartOutcome.UnknownTopic>(await service.StartAsync(Player, new string('x', 1_000_000), 5)).Topic;
        Assert.Equal(DeckCatalog.MaxTopicLength, unknown.Given.Length);
    }

    [Fact]
    public async Task Presses_on_someone_elses_quiz_or_an_unshown_question_change_nothing()
    {
        var start = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 3));
        var bob = Player with { UserId = "bob" };

        Assert.Equal(QuizRefusal.NotYours, Assert.IsType<QuizStepOutcome.Refused>(await service.SkipAsync(start.Session.Id, bob, 0)).Reason);
        Assert.Equal(QuizRefusal.NotShownYet, Assert.IsType<QuizStepOutcome.Refused>(await service.SkipAsync(start.Session.Id, Player, 2)).Reason);
        Assert.Equal(QuizRefusal.NotFound, Assert.IsType<QuizStepOutcome.Refused>(await service.SkipAsync("nope", Player, 0)).Reason);
        Assert.Equal(0, store.Sessions[start.Session.Id].Position);
    }

    [Fact]
    public async Task A_skip_in_one_server_while_an_answer_in_another_is_on_its_way_leaves_that_answer_unscored()
    {
        // Two /quiz started at the same instant in two servers hold the same questions.
        var held = new HeldApplyStore(store);
        var racing = new QuizService(held, new DeckCatalog([TestDecks.Build(), OtherDeck()]), clock, new Random(99));
        var here = Assert.IsType<QuizStartOutcome.Started>(await racing.StartAsync(Player, null, 3));
        var elsewhere = Player with { Scope = "guild-2" };
        var there = QuizEngine.NewSession("there", elsewhere, here.Deck, QuizMode.Quiz, new QuizPlan(here.Session.QuestionIds, null, null), 5, clock.GetUtcNow());
        await store.OpenAsync(there);
        var presented = QuizEngine.Present(there, here.Deck)!;

        // The answer in server B is decided, scored, and held just before the store; the skip in server A lands first.
        var answer = racing.AnswerAsync("there", elsewhere, "Ann", 0, AnswerFor(presented, right: true));
        await held.Entered;
        Assert.IsType<QuizStepOutcome.Revealed>(await racing.SkipAsync(here.Session.Id, Player, 0));
        held.Release();

        var revealed = Assert.IsType<QuizStepOutcome.Revealed>(await answer);
        Assert.True(revealed.Reveal.RevealedBySkipToday);
        Assert.True(revealed.Reveal.IsCorrect);
        Assert.Equal((0, 0), (revealed.Reveal.PointsAwarded, revealed.Session.Points));
        Assert.Equal((1, 0, 0), (store.Sessions["there"].Position, store.Sessions["there"].Answered, store.Sessions["there"].Correct));
        Assert.Empty(store.Answers);

        // A second press replays the same unscored reveal; the next question scores as usual.
        var again = Assert.IsType<QuizStepOutcome.Revealed>(await racing.AnswerAsync("there", elsewhere, "Ann", 0, AnswerFor(presented, right: true)));
        Assert.True(again.Replayed && again.Reveal.RevealedBySkipToday && again.Reveal.IsCorrect);
        var next = ((QuizProgress.Continues)revealed.Progress).Next;
        var scored = Assert.IsType<QuizStepOutcome.Revealed>(await racing.AnswerAsync("there", elsewhere, "Ann", 1, AnswerFor(next, right: true)));
        Assert.False(scored.Reveal.RevealedBySkipToday);
        Assert.True(scored.Reveal.PointsAwarded > 0);
    }

    [Fact]
    public async Task A_skip_yesterday_or_by_someone_else_does_not_stop_an_answer_from_scoring()
    {
        var here = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(Player, null, 3));
        await service.SkipAsync(here.Session.Id, Player, 0);
        var plan = new QuizPlan(here.Session.QuestionIds, null, null);
        var bob = new PlayerKey("guild-2", "bob");
        var bobs = QuizEngine.NewSession("bobs", bob, here.Deck, QuizMode.Quiz, plan, 5, clock.GetUtcNow());
        await store.OpenAsync(bobs);
        var bobScores = Assert.IsType<QuizStepOutcome.Revealed>(
            await service.AnswerAsync("bobs", bob, "Bob", 0, AnswerFor(QuizEngine.Present(bobs, here.Deck)!, right: true)));

        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = QuizEngine.NewSession("tomorrow", Player with { Scope = "guild-2" }, here.Deck, QuizMode.Quiz, plan, 5, clock.GetUtcNow());
        await store.OpenAsync(tomorrow);
        var annScores = Assert.IsType<QuizStepOutcome.Revealed>(
            await service.AnswerAsync("tomorrow", tomorrow.Player, "Ann", 0, AnswerFor(QuizEngine.Present(tomorrow, here.Deck)!, right: true)));

        Assert.False(bobScores.Reveal.RevealedBySkipToday || annScores.Reveal.RevealedBySkipToday);
        Assert.Equal(2, store.Answers.Count(a => a.Points > 0));
    }

    [Fact]
    public async Task A_press_decided_on_a_stale_session_is_decided_again_on_the_stored_one_never_refused_for_it()
    {
        var stale = new StaleSessionQuizStore(store);
        var onStale = new QuizService(stale, new DeckCatalog([TestDecks.Build(), OtherDeck()]), clock, new Random(7));
        var start = Assert.IsType<QuizStartOutcome.Started>(await onStale.StartAsync(Player, null, 4));
        await stale.FreezeAsync(start.Session.Id);
        var first = Assert.IsType<QuizStepOutcome.Revealed>(await onStale.AnswerAsync(start.Session.Id, Player, "Ann", 0, AnswerFor(start.Current, true)));
        Assert.Equal(0, stale.FreshReads);

        // Question 2 is shown (another instance could have taken question 1); the stale copy still asks question 1.
        var second = Assert.IsType<QuizProgress.Continues>(first.Progress).Next;
        var answered = Assert.IsType<QuizStepOutcome.Revealed>(await onStale.AnswerAsync(start.Session.Id, Player, "Ann", 1, AnswerFor(second, true)));
        Assert.False(answered.Replayed);
        Assert.Equal(2, store.Answers.Count);

        // A replayed delivery of question 1's press: the stale copy would take it again; the compare-and-set refuses it.
        var replayed = Assert.IsType<QuizStepOutcome.Revealed>(await onStale.AnswerAsync(start.Session.Id, Player, "Ann", 0, AnswerFor(start.Current, false)));
        Assert.True(replayed.Replayed);
        Assert.Equal(first.Reveal.IsCorrect, replayed.Reveal.IsCorrect);
        Assert.Equal(2, Assert.IsType<QuizProgress.Continues>(replayed.Progress).Next.Index);
        Assert.Equal((2, 2), (store.Answers.Count, store.Sessions[start.Session.Id].Position));
    }

    [Fact]
    public async Task A_replay_found_on_a_stale_session_shows_the_way_on_from_the_stored_one()
    {
        var stale = new StaleSessionQuizStore(store);
        var onStale = new QuizService(stale, new DeckCatalog([TestDecks.Build(), OtherDeck()]), clock, new Random(7));
        var start = Assert.IsType<QuizStartOutcome.Started>(await onStale.StartAsync(Player, null, 4));
        var first = Assert.IsType<QuizStepOutcome.Revealed>(await onStale.AnswerAsync(start.Session.Id, Player, "Ann", 0, AnswerFor(start.Current, true)));
        await stale.FreezeAsync(start.Session.Id);
        var second = Assert.IsType<QuizProgress.Continues>(first.Progress).Next;
        await service.AnswerAsync(start.Session.Id, Player, "Ann", 1, AnswerFor(second, true));

        // The copy is at question 2 of 4 and already shows question 1 closed; the stored quiz is at question 3.
        var replayed = Assert.IsType<QuizStepOutcome.Revealed>(await onStale.SkipAsync(start.Session.Id, Player, 0));
        Assert.True(replayed.Replayed);
        Assert.Equal(2, Assert.IsType<QuizProgress.Continues>(replayed.Progress).Next.Index);
        Assert.Equal(2, replayed.Session.Position);
        Assert.Equal(2, store.Answers.Count);
    }

    [Fact]
    public async Task A_refusal_found_on_a_stale_session_is_given_only_when_the_stored_one_agrees()
    {
        var stale = new StaleSessionQuizStore(store);
        var onStale = new QuizService(stale, new DeckCatalog([TestDecks.Build(), OtherDeck()]), clock, new Random(7));
        var start = Assert.IsType<QuizStartOutcome.Started>(await onStale.StartAsync(Player, null, 4));
        await stale.FreezeAsync(start.Session.Id);

        var refused = Assert.IsType<QuizStepOutcome.Refused>(await onStale.SkipAsync(start.Session.Id, Player, 2));
        Assert.Equal(QuizRefusal.NotShownYet, refused.Reason);
        Assert.Equal(1, stale.FreshReads);
        Assert.Empty(store.Answers);
    }

    /// <summary>Holds the first scored answer just before it reaches the store, until the test releases it.</summary>
    private sealed class HeldApplyStore(InMemoryQuizStore inner) : DelegatingQuizStore(inner)
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => entered.Task;

        public void Release() => release.SetResult();

        public override async Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default)
        {
            if (transition.Answer is not null && entered.TrySetResult())
            {
                await release.Task;
            }

            return await Inner.ApplyAsync(transition, cancellationToken);
        }
    }

    private static Deck OtherDeck()
    {
        var fact = TestDecks.Fact(1) with { Id = "river-1", Topics = ["rivers"], Questions = [] };
        var question = new Question("river-1-tf", "river-1", QuestionKind.TrueFalse, "Rivers flow.", "true", [], [], "They do.");
        return TestDecks.Build(1, "other-deck") with { Facts = [fact with { Questions = [question] }] };
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
