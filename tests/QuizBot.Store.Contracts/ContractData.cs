using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;

namespace QuizBot.Store.Contracts;

/// <summary>Sessions and answers the contract suites build, without a deck: the store never reads one.</summary>
public static class ContractData
{
    public static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    public static QuizSession Session(string id, PlayerKey player, int questions = 3, QuizMode mode = QuizMode.Quiz) =>
        new(id, player, "deck", mode, null, Enumerable.Range(1, questions).Select(i => $"q{i}").ToList(), 0, 0, 0, 0, 0, 0, 42, Now, null);

    /// <summary>Answers the current question of <paramref name="before"/> (right or wrong), as the engine would.</summary>
    public static QuizTransition Answer(QuizSession before, bool correct, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var index = before.Position;
        var points = correct ? 10 : 0;
        var streak = correct ? before.Streak + 1 : 0;
        var position = index + 1;
        var after = before with
        {
            Position = position,
            Answered = before.Answered + 1,
            Correct = before.Correct + (correct ? 1 : 0),
            Points = before.Points + points,
            Streak = streak,
            BestStreak = Math.Max(before.BestStreak, streak),
            FinishedAt = position >= before.QuestionIds.Count ? when : null,
            Version = before.Version + 1,
        };
        var questionId = before.QuestionIds[index];
        var record = new AnswerRecord(before.Player, "Ann", before.Id, index, questionId, "f-" + questionId, ["topic"], correct, points, before.Mode, when);
        var step = new QuizStepRecord(before.Id, index, questionId, QuizStepKind.Answered, correct ? Core.Judging.AnswerMatch.Exact : Core.Judging.AnswerMatch.Wrong, "given", points, streak, when);
        // As the engine does: a personal quiz's answer holds only if no skip elsewhere showed it since the UTC day began.
        return new QuizTransition(before, after, [step], record) { NotRevealedSince = before.IsPersonal ? StartOfDay(when) : null };
    }

    /// <summary>An answer to a question a skip elsewhere had revealed that day, as the engine then decides it: shown, scored as a skip.</summary>
    public static QuizTransition Unscored(QuizSession before, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var index = before.Position;
        var position = index + 1;
        var after = before with { Position = position, Streak = 0, FinishedAt = position >= before.QuestionIds.Count ? when : null, Version = before.Version + 1 };
        var step = new QuizStepRecord(before.Id, index, before.QuestionIds[index], QuizStepKind.Unscored, Core.Judging.AnswerMatch.Exact, "given", 0, 0, when);
        return new QuizTransition(before, after, [step], null);
    }

    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    public static QuizTransition Skip(QuizSession before, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var index = before.Position;
        var position = index + 1;
        var after = before with { Position = position, Streak = 0, FinishedAt = position >= before.QuestionIds.Count ? when : null, Version = before.Version + 1 };
        var step = new QuizStepRecord(before.Id, index, before.QuestionIds[index], QuizStepKind.Skipped, Core.Judging.AnswerMatch.Wrong, null, 0, 0, when);
        return new QuizTransition(before, after, [step], null);
    }

    /// <summary>Runs <paramref name="count"/> calls released together by one gate, and returns their results.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    /// <summary>Shows the card, then rates it into <paramref name="after"/>: the only way a card's state is stored.</summary>
    public static async Task SaveCardAsync(this IStudyStore study, PlayerKey player, CardState after)
    {
        var shown = await study.ShowAsync(player, after.CardId);
        var log = new ReviewLogEntry(after.CardId, Rating.Good, after.LastReview ?? Now, 0, 1, CardPhase.New);
        Assert.True(await study.RateAsync(player, new CardReview(shown, after, log)));
    }
}
