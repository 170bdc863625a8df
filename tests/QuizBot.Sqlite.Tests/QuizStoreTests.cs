using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite.Tests;

public sealed class QuizStoreTests : IDisposable
{
    private static readonly PlayerKey Ann = new("g1", "ann");
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    /// <summary>
    /// The name of the player's latest answer wins, and an answer under the name already stored does not rewrite the row:
    /// so a late delivery under an older name is refused even when the stored row is older than the latest answer.
    /// </summary>
    [Fact]
    public async Task The_latest_answers_name_wins_and_an_unchanged_name_is_not_rewritten()
    {
        var t = Answers.Start;
        async Task Answer(string session, string name, int minutes) =>
            Assert.True(await db.Store.Quizzes.RecordAsync(Answers.Make(Ann, session, 0, true, t.AddMinutes(minutes), displayName: name)));
        (string Name, long UpdatedAt) Stored()
        {
            using var connection = db.OpenRaw();
            return connection.QuerySingle<(string, long)>("SELECT display_name, updated_at FROM users WHERE scope = 'g1' AND user_id = 'ann';");
        }

        await Answer("a1", "Ann", 1);
        await Answer("a5", "Ann", 5);
        Assert.Equal(("Ann", StoredTime.ToStored(t.AddMinutes(1))), Stored()); // the same name: not rewritten

        await Answer("late-b3", "Bea", 3); // delivered after the answer of minute 5, under the name of minute 3
        Assert.Equal(("Ann", StoredTime.ToStored(t.AddMinutes(1))), Stored());

        await Answer("b7", "Bea", 7);
        Assert.Equal(("Bea", StoredTime.ToStored(t.AddMinutes(7))), Stored());

        await Answer("late-c6", "Cy", 6);
        await Answer("b7-same-time", "Dee", 7); // a tie with the latest answer: the later write wins, as before
        Assert.Equal(("Dee", StoredTime.ToStored(t.AddMinutes(7))), Stored());
    }

    [Fact]
    public async Task A_quiz_saved_before_a_restart_is_found_again_and_can_be_finished()
    {
        var session = Answers.Session(Ann, "s1", count: 3) with { Topic = "csto", Seed = 1234 };
        await db.Store.Quizzes.SaveSessionAsync(session);
        var first = Answers.Make(Ann, "s1", 0, true, Answers.Start.AddMinutes(1));
        var answered = Answers.Transition((await db.Store.Quizzes.GetSessionAsync("s1"))!, first);
        Assert.Equal(QuizTransitionResult.Applied, await db.Store.Quizzes.ApplyAsync(answered));
        session = answered.After;

        var store = db.Reopen();

        var resumed = await store.Quizzes.GetOpenQuizAsyncFor(Ann, QuizMode.Quiz);
        Assert.NotNull(resumed);
        AssertSameSession(session, resumed);

        var second = Answers.Make(Ann, "s1", 1, false, Answers.Start.AddMinutes(2));
        var third = Answers.Make(Ann, "s1", 2, true, Answers.Start.AddMinutes(3));
        var toSecond = Answers.Transition(resumed, second);
        var toFinished = Answers.Transition(toSecond.After, third);
        Assert.Equal(QuizTransitionResult.Applied, await store.Quizzes.ApplyAsync(toSecond));
        Assert.Equal(QuizTransitionResult.Applied, await store.Quizzes.ApplyAsync(toFinished));
        var finished = toFinished.After;

        Assert.Null(await store.Quizzes.GetOpenQuizAsyncFor(Ann, QuizMode.Quiz));
        var stored = await store.Quizzes.GetSessionAsync("s1");
        Assert.NotNull(stored);
        AssertSameSession(finished, stored);
        Assert.True(stored.IsFinished);
        Assert.Equal(2, stored.Correct);
    }

    [Fact]
    public async Task A_repeated_answer_is_a_conflict_and_changes_neither_scores_nor_the_session()
    {
        var session = Answers.Session(Ann, "s1") with { Mode = QuizMode.Trivia };
        var answer = Answers.Make(Ann, "s1", 0, true, Answers.Start);
        Assert.Equal(QuizTransitionResult.Applied, await db.Store.Quizzes.ApplyAsync(Answers.Transition(session, answer)));

        // A double click that arrives with a different verdict, from the session as it was before the first.
        var again = answer with { Correct = false, Points = 0, DisplayName = "Renamed" };
        Assert.IsType<QuizTransitionResult.Conflict>(await db.Store.Quizzes.ApplyAsync(Answers.Transition(session, again)));

        var stored = await db.Store.Quizzes.GetSessionAsync("s1");
        Assert.Equal(1, stored!.Position);
        var stats = await db.Store.Stats.GetStatsAsync(Ann, Answers.Start);
        Assert.Equal((10, 1, 1, "Name of ann"), (stats.Points, stats.Answered, stats.Correct, stats.DisplayName));
    }

    [Fact]
    public async Task Seen_counts_count_every_answer_per_question_and_missed_lists_questions_last_answered_wrong_newest_first()
    {
        var quizzes = db.Store.Quizzes;
        var t = Answers.Start;
        var plan = new (string Session, int Index, string Question, bool Correct, int Minutes)[]
        {
            ("s1", 0, "alpha", false, 0),
            ("s1", 1, "beta", false, 1),
            ("s1", 2, "gamma", true, 2),
            ("s2", 0, "alpha", true, 10),   // alpha fixed later: not missed
            ("s2", 1, "gamma", false, 11),  // gamma right, then wrong: missed
            ("s2", 2, "delta", false, 12),
        };
        foreach (var (sessionId, index, question, correct, minutes) in plan)
        {
            var answer = Answers.Make(Ann, sessionId, index, correct, t.AddMinutes(minutes), questionId: question);
            Assert.True(await quizzes.RecordAsync(answer));
        }

        Assert.True(await quizzes.RecordAsync(Answers.Make(new PlayerKey("g1", "bob"), "s3", 0, false, t.AddMinutes(20), questionId: "alpha")));

        var seen = await quizzes.GetSeenCountsAsync(Ann);
        Assert.Equal(
            new Dictionary<string, int> { ["alpha"] = 2, ["beta"] = 1, ["gamma"] = 2, ["delta"] = 1 },
            seen.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(["delta", "gamma", "beta"], await quizzes.GetMissedQuestionIdsAsync(Ann));
        Assert.Equal(["alpha"], await quizzes.GetMissedQuestionIdsAsync(new PlayerKey("g1", "bob")));
        Assert.Empty(await quizzes.GetMissedQuestionIdsAsync(new PlayerKey("g2", "ann")));
        Assert.Empty(await quizzes.GetSeenCountsAsync(new PlayerKey("g2", "ann")));
    }

    [Fact]
    public async Task Bad_answers_and_sessions_are_refused_and_store_nothing()
    {
        var quizzes = db.Store.Quizzes;
        var session = Answers.Session(Ann, "s1");
        var good = Answers.Make(Ann, "s1", 0, true, Answers.Start);

        // The session moves as for the good answer, so only the answer itself is wrong.
        Task<QuizTransitionResult> Answer(AnswerRecord answer) => quizzes.ApplyAsync(Answers.Transition(session, good) with { Answer = answer });
        Task<QuizTransitionResult> MoveTo(QuizSession after) => quizzes.ApplyAsync(new QuizTransition(session, after with { Version = 1 }, [], good));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Answer(good with { Points = -5 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Answer(good with { QuestionIndex = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Answer(good with { SessionId = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Answer(good with { Player = new PlayerKey("g1", " ") }));
        await Assert.ThrowsAsync<ArgumentException>(() => Answer(good with { Topics = ["csto", ""] }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Answer(good with { Mode = (QuizMode)42 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Answer(good with { AnsweredAt = new DateTimeOffset(1969, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MoveTo(session with { Position = 11 }));
        await Assert.ThrowsAsync<ArgumentException>(() => MoveTo(session with { Correct = 3, Answered = 2 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => quizzes.SaveSessionAsync(session with { FinishedAt = Answers.Start.AddDays(-1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => quizzes.GetSessionAsync(""));

        using var connection = db.OpenRaw();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT (SELECT COUNT(*) FROM answers) + (SELECT COUNT(*) FROM quiz_sessions) + (SELECT COUNT(*) FROM player_totals);"));
    }

    [Fact]
    public async Task The_display_name_follows_the_newest_answer_even_when_an_older_one_arrives_late()
    {
        var quizzes = db.Store.Quizzes;
        Assert.True(await quizzes.RecordAsync(Answers.Make(Ann, "s1", 0, true, Answers.Start.AddMinutes(5), displayName: "Ann B.")));
        Assert.True(await quizzes.RecordAsync(Answers.Make(Ann, "s1", 1, true, Answers.Start.AddMinutes(1), displayName: "Ann A.")));
        Assert.Equal("Ann B.", (await db.Store.Stats.GetStatsAsync(Ann, Answers.Start)).DisplayName);

        Assert.True(await quizzes.RecordAsync(Answers.Make(Ann, "s1", 2, true, Answers.Start.AddMinutes(9), displayName: "Ann C.")));
        Assert.Equal("Ann C.", (await db.Store.Stats.GetStatsAsync(Ann, Answers.Start)).DisplayName);
    }

    private static void AssertSameSession(QuizSession expected, QuizSession actual)
    {
        Assert.Equal(expected.QuestionIds, actual.QuestionIds);
        Assert.Equal(expected with { QuestionIds = actual.QuestionIds }, actual);
    }
}
