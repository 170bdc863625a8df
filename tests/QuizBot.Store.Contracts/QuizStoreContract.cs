using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every <see cref="IQuizStore"/> must do, whatever holds the data. An implementation's tests subclass this
/// and say how to make an empty store; the races are started together by one gate, never timed.
/// </summary>
public abstract class QuizStoreContract
{
    protected static readonly PlayerKey Ann = new("guild-1", "ann");

    /// <summary>A new, empty store.</summary>
    protected abstract IQuizStore CreateStore();

    /// <summary>Another store instance on the database of the last <see cref="CreateStore"/>, as a second bot instance opens it.</summary>
    protected abstract IQuizStore OpenAnother();

    [Fact]
    public async Task A_session_read_to_change_is_never_newer_than_stored_and_a_stale_one_only_costs_a_conflict()
    {
        var first = CreateStore();
        var session = Session("s1", Ann);
        await first.OpenAsync(session);
        Assert.IsType<QuizTransitionResult.AppliedResult>(await first.ApplyAsync(Answer(session, correct: true)));
        Assert.Equal(1, (await first.GetSessionToChangeAsync("s1"))!.Version);

        // A second instance moves the quiz on; the first may still hold version 1, never anything else.
        var second = OpenAnother();
        var read = (await second.GetSessionToChangeAsync("s1"))!;
        Assert.Equal(("s1", 1, 1, 1, 1), (read.Id, read.Position, read.Version, read.Answered, read.Correct));
        Assert.IsType<QuizTransitionResult.AppliedResult>(await second.ApplyAsync(Answer(read, correct: false)));
        var seen = (await first.GetSessionToChangeAsync("s1"))!;
        Assert.InRange(seen.Version, 1, 2);
        Assert.Equal(2, (await second.GetSessionAsync("s1"))!.Version);

        // Decided on what it holds: refused with the stored session when stale, and nothing written; then current.
        var decided = (await first.GetSessionToChangeAsync("s1"))!;
        Assert.Equal(decided.Version, seen.Version);
        if (decided.Version == 1)
        {
            var conflict = Assert.IsType<QuizTransitionResult.Conflict>(await first.ApplyAsync(Answer(decided, correct: true)));
            Assert.Equal((2, 2), (conflict.Stored.Position, conflict.Stored.Version));
            decided = (await first.GetSessionToChangeAsync("s1"))!;
        }

        Assert.Equal((2, 2, 1), (decided.Position, decided.Version, decided.Correct));
        Assert.IsType<QuizTransitionResult.AppliedResult>(await first.ApplyAsync(Answer(decided, correct: true)));
        Assert.Equal(3, (await second.GetSessionAsync("s1"))!.Answered);
        Assert.Equal(3, (await second.GetSeenCountsAsync(Ann)).Values.Sum());
        Assert.Null(await first.GetSessionToChangeAsync("missing"));
    }

    [Fact]
    public async Task Only_one_personal_quiz_opens_per_member_and_scope_even_when_started_together()
    {
        var store = CreateStore();
        var results = await AllAtOnceAsync(12, i => store.OpenAsync(Session($"s{i}", Ann)));

        Assert.Single(results, r => r is QuizOpenResult.Opened);
        var open = Assert.IsType<QuizOpenResult.AlreadyOpen>(results.First(r => r is QuizOpenResult.AlreadyOpen));
        Assert.Equal((await store.GetOpenQuizAsync(Ann))!.Id, open.Open.Id);
        // Another scope, or the same member once the quiz is over, opens freely.
        Assert.IsType<QuizOpenResult.Opened>(await store.OpenAsync(Session("other-scope", Ann with { Scope = "guild-2" })));
    }

    [Fact]
    public async Task A_finished_quiz_is_not_open()
    {
        var store = CreateStore();
        var session = Session("s1", Ann, questions: 1);
        await store.OpenAsync(session);
        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(Answer(session, correct: true)));

        Assert.Null(await store.GetOpenQuizAsync(Ann));
        Assert.IsType<QuizOpenResult.Opened>(await store.OpenAsync(Session("s2", Ann)));
    }

    [Fact]
    public async Task Identical_presses_at_once_apply_once_and_score_once()
    {
        var store = CreateStore();
        var session = Session("s1", Ann);
        await store.OpenAsync(session);

        var results = await AllAtOnceAsync(20, _ => store.ApplyAsync(Answer(session, correct: true)));

        Assert.Single(results, r => r is QuizTransitionResult.AppliedResult);
        Assert.All(results.OfType<QuizTransitionResult.Conflict>(), c => Assert.Equal(1, c.Stored.Version));
        Assert.Equal(1, (await store.GetSeenCountsAsync(Ann))["q1"]);
        var stored = (await store.GetSessionAsync("s1"))!;
        Assert.Equal((1, 1, 1), (stored.Position, stored.Answered, stored.Version));
    }

    [Fact]
    public async Task Answers_to_several_quizzes_at_once_each_get_their_own_outcome_and_a_stale_one_changes_nothing()
    {
        var store = CreateStore();
        var players = Enumerable.Range(0, 6).Select(i => Ann with { UserId = $"member-{i}" }).ToArray();
        var sessions = players.Select((p, i) => Session($"s{i}", p)).ToArray();
        foreach (var session in sessions)
        {
            await store.OpenAsync(session);
        }

        // Member 2 answers from a session two versions on from the stored one; member 4's press is delivered twice.
        var transitions = sessions.Select(s => Answer(s, correct: true)).ToList();
        transitions[2] = Answer(sessions[2] with { Version = 2 }, correct: true);
        transitions.Add(transitions[4]);

        var results = await AllAtOnceAsync(transitions.Count, i => store.ApplyAsync(transitions[i]));

        foreach (var i in new[] { 0, 1, 3, 5 })
        {
            Assert.IsType<QuizTransitionResult.AppliedResult>(results[i]);
            Assert.Equal(1, (await store.GetSeenCountsAsync(players[i]))["q1"]);
        }

        Assert.Equal(0, Assert.IsType<QuizTransitionResult.Conflict>(results[2]).Stored.Version);
        Assert.Empty(await store.GetSeenCountsAsync(players[2]));
        Assert.Single(new[] { results[4], results[6] }, r => r is QuizTransitionResult.AppliedResult);
        Assert.Single(new[] { results[4], results[6] }, r => r is QuizTransitionResult.Conflict);
        Assert.Equal(1, (await store.GetSeenCountsAsync(players[4]))["q1"]);
        Assert.Equal((1, 1), ((await store.GetSessionAsync("s4"))!.Answered, (await store.GetSessionAsync("s4"))!.Version));
    }

    [Fact]
    public async Task Skip_racing_an_answer_to_the_same_question_lets_exactly_one_through()
    {
        for (var round = 0; round < 10; round++)
        {
            var store = CreateStore();
            var session = Session($"s{round}", Ann);
            await store.OpenAsync(session);

            var results = await AllAtOnceAsync(2, i => store.ApplyAsync(i == 0 ? Skip(session) : Answer(session, correct: true)));

            Assert.Single(results, r => r is QuizTransitionResult.AppliedResult);
            var skipWon = results[0] is QuizTransitionResult.AppliedResult;
            var stored = (await store.GetSessionAsync(session.Id))!;
            var step = (await store.GetStepAsync(session.Id, 0))!;
            Assert.Equal(skipWon ? QuizStepKind.Skipped : QuizStepKind.Answered, step.Kind);
            Assert.Equal(skipWon ? 0 : 1, stored.Answered);
            Assert.Equal(skipWon ? 0 : 1, (await store.GetSeenCountsAsync(Ann)).GetValueOrDefault("q1"));
        }
    }

    [Fact]
    public async Task A_delayed_answer_to_a_skipped_question_is_refused_after_the_player_moved_on()
    {
        var store = CreateStore();
        var first = Session("s1", Ann);
        await store.OpenAsync(first);
        var delayed = Answer(first, correct: true); // read question 1, then held up

        var skip = Skip(first);
        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(skip));
        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(Answer(skip.After, correct: true)));

        var conflict = Assert.IsType<QuizTransitionResult.Conflict>(await store.ApplyAsync(delayed));
        Assert.Equal(2, conflict.Stored.Position);
        var seen = await store.GetSeenCountsAsync(Ann);
        Assert.False(seen.ContainsKey("q1"));
        Assert.Equal(1, seen["q2"]);
        Assert.Equal(1, (await store.GetSessionAsync("s1"))!.Answered);
        Assert.Equal(QuizStepKind.Skipped, (await store.GetStepAsync("s1", 0))!.Kind);
    }

    [Fact]
    public async Task An_answer_decided_before_a_skip_in_another_server_revealed_its_question_is_refused_and_changes_nothing()
    {
        var store = CreateStore();
        var here = Session("here", Ann);
        var there = Session("there", Ann with { Scope = "guild-2" }); // started at the same instant: the same questions
        await store.OpenAsync(here);
        await store.OpenAsync(there);
        var decided = Answer(there, correct: true, Now.AddMinutes(2)); // read question 1 in server B, then held up

        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(Skip(here, Now.AddMinutes(1))));

        Assert.IsType<QuizTransitionResult.RevealedEarlierResult>(await store.ApplyAsync(decided));
        Assert.Equal(0, (await store.GetSessionAsync("there"))!.Version);
        Assert.Null(await store.GetStepAsync("there", 0));
        Assert.Empty(await store.GetSeenCountsAsync(there.Player));

        // Decided again, unscored: stored as such, and read back the same for its replay.
        var unscored = Unscored(there, Now.AddMinutes(2));
        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(unscored));
        Assert.Equal(unscored.Steps[0], await store.GetStepAsync("there", 0));
        var stored = (await store.GetSessionAsync("there"))!;
        Assert.Equal((1, 0, 0), (stored.Position, stored.Answered, stored.Points));
        Assert.Empty(await store.GetSeenCountsAsync(there.Player));
    }

    [Fact]
    public async Task A_skip_yesterday_or_by_another_member_does_not_refuse_an_answer()
    {
        var store = CreateStore();
        var bob = new PlayerKey("guild-1", "bob");
        var yesterday = Session("yesterday", Ann, questions: 1) with { StartedAt = Now.AddDays(-1) };
        var bobs = Session("bobs", bob, questions: 1);
        await store.OpenAsync(yesterday);
        await store.OpenAsync(bobs);
        await store.ApplyAsync(Skip(yesterday, Now.AddDays(-1)));
        await store.ApplyAsync(Skip(bobs, Now));

        var today = Session("today", Ann, questions: 1);
        await store.OpenAsync(today);

        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(Answer(today, correct: true)));
        Assert.Equal(1, (await store.GetSeenCountsAsync(Ann))["q1"]);
    }

    [Fact]
    public async Task A_stored_step_can_be_read_back_to_replay_its_reveal()
    {
        var store = CreateStore();
        var session = Session("s1", Ann);
        await store.OpenAsync(session);
        var answer = Answer(session, correct: true);
        await store.ApplyAsync(answer);

        Assert.Equal(answer.Steps[0], await store.GetStepAsync("s1", 0));
        Assert.Null(await store.GetStepAsync("s1", 1));
    }

    [Fact]
    public async Task A_transition_on_a_missing_session_changes_nothing_unless_it_creates_it_from_version_zero()
    {
        var store = CreateStore();
        var ghost = Session("ghost", Ann) with { Version = 3, Position = 1 };
        Assert.IsType<QuizTransitionResult.MissingResult>(await store.ApplyAsync(Answer(ghost, correct: true)));
        Assert.Null(await store.GetSessionAsync("ghost"));
        Assert.Empty(await store.GetSeenCountsAsync(Ann));

        // A daily answer is the first transition of its one-question session: applied once, then a conflict.
        var daily = Session("daily:guild-1:2025-03-12:ann", Ann, questions: 1, mode: QuizMode.Daily);
        var results = await AllAtOnceAsync(8, _ => store.ApplyAsync(Answer(daily, correct: true)));
        Assert.Single(results, r => r is QuizTransitionResult.AppliedResult);
        Assert.Equal(1, (await store.GetSeenCountsAsync(Ann))["q1"]);
    }

    [Fact]
    public async Task Abandoning_closes_every_remaining_question_and_the_quiz()
    {
        var store = CreateStore();
        var session = Session("s1", Ann);
        await store.OpenAsync(session);
        var abandon = QuizEngine.Abandon(session, Now)!;

        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.ApplyAsync(abandon));
        Assert.IsType<QuizTransitionResult.Conflict>(await store.ApplyAsync(Answer(session, correct: true)));
        Assert.Null(await store.GetOpenQuizAsync(Ann));
        Assert.Equal(QuizStepKind.Abandoned, (await store.GetStepAsync("s1", 2))!.Kind);
        Assert.Empty(await store.GetSeenCountsAsync(Ann));
    }

    [Fact]
    public async Task Questions_revealed_by_a_skip_today_or_in_open_quizzes_are_held_back_in_every_scope()
    {
        var store = CreateStore();
        var done = Session("s1", Ann, questions: 1);
        await store.OpenAsync(done);
        await store.ApplyAsync(Skip(done, Now));
        var elsewhere = new QuizSession("s2", Ann with { Scope = "guild-2" }, "deck", QuizMode.Quiz, null, ["q7", "q8"], 0, 0, 0, 0, 0, 0, 1, Now, null);
        await store.OpenAsync(elsewhere);

        var held = await store.GetHeldBackQuestionIdsAsync("ann", Now.Date);
        Assert.Equal(["q1", "q7", "q8"], held.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("q1", await store.GetHeldBackQuestionIdsAsync("ann", Now.AddDays(1)));
        Assert.Empty(await store.GetHeldBackQuestionIdsAsync("bob", Now.Date));
    }
}
