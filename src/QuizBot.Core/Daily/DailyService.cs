using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Daily;

/// <summary>The outcome of a press on the question of the day.</summary>
public abstract record DailyAnswerOutcome
{
    private DailyAnswerOutcome()
    {
    }

    /// <summary>
    /// The member's answer and its reveal. <see cref="Replayed"/> when they had answered already (a double click, a
    /// retry): the reveal of the answer stored then, scored once.
    /// </summary>
    public sealed record Answered(Deck Deck, DateOnly Date, AnswerReveal Reveal, string GivenChoice, bool Replayed) : DailyAnswerOutcome;

    /// <summary>A button of an earlier day; <see cref="NextHourUtc"/> is when the next question comes, null when the daily question is off.</summary>
    public sealed record Closed(int? NextHourUtc) : DailyAnswerOutcome;

    /// <summary>The scope has no question for that day, or its deck is no longer served.</summary>
    public sealed record NotAvailable : DailyAnswerOutcome;

    /// <summary>A choice outside the question's buttons.</summary>
    public sealed record Invalid(int ChoiceCount) : DailyAnswerOutcome;
}

/// <summary>
/// The question of the day's answers: each member answers a day's question once, during that UTC date; the
/// answer is one compare-and-set on the member's one-question daily session, so a second press replays the first.
/// </summary>
public sealed class DailyService(IGuildStore guilds, IQuizStore quizzes, DeckCatalog decks, TimeProvider time)
{
    public async Task<DailyAnswerOutcome> AnswerAsync(
        PlayerKey player, string displayName, DateOnly date, int choice, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DailySchedule.DateOf(now);
        if (date > today)
        {
            return new DailyAnswerOutcome.NotAvailable();
        }

        if (date < today)
        {
            var settings = await guilds.GetSettingsAsync(player.Scope, cancellationToken);
            return new DailyAnswerOutcome.Closed(settings.DailyChannelId is null ? null : settings.DailyHourUtc);
        }

        var daily = await guilds.GetDailyQuestionAsync(player.Scope, date, cancellationToken);
        if (daily is null || decks.Find(daily.DeckId) is not { } deck)
        {
            return new DailyAnswerOutcome.NotAvailable();
        }

        var fresh = DailySchedule.NewSession(DailySchedule.SessionId(player.Scope, date, player.UserId), player, deck.Id, daily.QuestionId, date, now);
        if (QuizEngine.Present(fresh, deck) is not { } presented)
        {
            return new DailyAnswerOutcome.NotAvailable();
        }

        switch (QuizEngine.Answer(fresh, deck, player, displayName, 0, PlayerAnswer.Choice(choice), now))
        {
            case QuizDecision.Invalid:
                return new DailyAnswerOutcome.Invalid(presented.Choices.Count);
            case QuizDecision.Take take:
                var result = await quizzes.ApplyAsync(take.Transition, cancellationToken);
                if (result is QuizTransitionResult.AppliedResult)
                {
                    return new DailyAnswerOutcome.Answered(deck, date, take.Reveal, presented.Choices[choice], Replayed: false);
                }

                return await ReplayAsync(fresh.Id, deck, date, cancellationToken);
            default:
                return new DailyAnswerOutcome.NotAvailable();
        }
    }

    private async Task<DailyAnswerOutcome> ReplayAsync(string sessionId, Deck deck, DateOnly date, CancellationToken cancellationToken)
    {
        var step = await quizzes.GetStepAsync(sessionId, 0, cancellationToken);
        if (step is null || QuizEngine.Replay(step, deck) is not { } reveal)
        {
            return new DailyAnswerOutcome.NotAvailable();
        }

        return new DailyAnswerOutcome.Answered(deck, date, reveal, reveal.Given ?? string.Empty, Replayed: true);
    }
}
