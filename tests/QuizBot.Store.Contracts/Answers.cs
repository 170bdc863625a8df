using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Store.Contracts;

/// <summary>Builds answers (as trivia records them) and the sessions they move on, for the store tests and contracts.</summary>
public static class Answers
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public static AnswerRecord Make(
        PlayerKey player,
        string sessionId,
        int index,
        bool correct,
        DateTimeOffset at,
        int? points = null,
        string? questionId = null,
        string[]? topics = null,
        string? displayName = null) =>
        new(
            player,
            displayName ?? $"Name of {player.UserId}",
            sessionId,
            index,
            questionId ?? $"q{index}",
            $"fact-{questionId ?? $"q{index}"}",
            topics ?? ["csto"],
            correct,
            points ?? (correct ? 10 : 0),
            QuizMode.Quiz,
            at);

    public static QuizSession Session(PlayerKey player, string id, int count = 10, DateTimeOffset? startedAt = null) =>
        new(
            id,
            player,
            "deck",
            QuizMode.Quiz,
            null,
            Enumerable.Range(0, count).Select(i => $"q{i}").ToArray(),
            0,
            0,
            0,
            0,
            0,
            0,
            42,
            startedAt ?? Start,
            null);

    /// <summary>The session as an engine would leave it after this answer.</summary>
    public static QuizSession After(QuizSession session, AnswerRecord answer)
    {
        var streak = answer.Correct ? session.Streak + 1 : 0;
        var position = session.Position + 1;
        return session with
        {
            Position = position,
            Answered = session.Answered + 1,
            Correct = session.Correct + (answer.Correct ? 1 : 0),
            Points = session.Points + answer.Points,
            Streak = streak,
            BestStreak = Math.Max(session.BestStreak, streak),
            FinishedAt = position == session.QuestionIds.Count ? answer.AnsweredAt : null,
        };
    }

    /// <summary>The transition that answers <paramref name="session"/>'s next question: to <see cref="After"/>, one version on.</summary>
    public static QuizTransition Transition(QuizSession session, AnswerRecord answer) =>
        new(session, After(session, answer) with { Version = session.Version + 1 }, [], answer);

    /// <summary>
    /// Stores the answer the way the read-model contracts fill a database: through the store's one answer write
    /// (<see cref="Core.Ports.IQuizStore.ApplyAsync"/>), in a one-question session of its own that the transition
    /// creates, as the question of the day does. False, changing nothing, when that (session, question) was already
    /// answered. (Trivia stores its answers with the press, <see cref="Core.Trivia.ITriviaStore.PressAsync"/>.)
    /// </summary>
    public static async Task<bool> RecordAsync(this Core.Ports.IQuizStore quizzes, AnswerRecord answer)
    {
        ArgumentNullException.ThrowIfNull(quizzes);
        ArgumentNullException.ThrowIfNull(answer);
        var own = answer with { SessionId = $"{answer.SessionId}/{answer.QuestionIndex}", QuestionIndex = 0 };
        var session = Session(answer.Player, own.SessionId, count: 1) with { Mode = QuizMode.Trivia, StartedAt = answer.AnsweredAt };
        return await quizzes.ApplyAsync(Transition(session, own)) == QuizTransitionResult.Applied;
    }
}
