using QuizBot.Content;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// The answer buttons of the question of the day. Each member answers a day's question once, during that UTC
/// date; the reveal is theirs alone and the points count on the scope's leaderboard. A button of an earlier day
/// answers that the question has closed.
/// </summary>
public sealed class DailyModule(IGuildStore guilds, IQuizStore store, DeckLibrary library) : IInteractionModule
{
    public IReadOnlyCollection<string> CommandNames { get; } = [];

    public IReadOnlyCollection<string> ComponentAreas { get; } = [DailyIds.Area];

    public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Replies.Ephemeral(Replies.UnknownCommand));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        var today = DailySchedule.DateOf(context.Now);
        if (!context.InGuild || id.Action != DailyIds.Answer || id.IntArg(0) is not { } choice
            || !DailySchedule.TryParseDate(id.Key, out var date) || date > today)
        {
            return null;
        }

        if (date < today)
        {
            var settings = await guilds.GetSettingsAsync(context.Scope, cancellationToken);
            return Replies.Ephemeral(DailyView.Closed(settings.DailyChannelId is null ? null : settings.DailyHourUtc));
        }

        var daily = await guilds.GetDailyQuestionAsync(context.Scope, date, cancellationToken);
        if (daily is null || library.Find(daily.DeckId) is not { } deck)
        {
            return Replies.Ephemeral(DailyView.NotAvailable);
        }

        var sessionId = DailySchedule.SessionId(context.Scope, date, context.UserId);
        if (await AlreadyAnsweredAsync(sessionId, deck, date, cancellationToken) is { } again)
        {
            return again;
        }

        var session = DailySchedule.NewSession(sessionId, context.Player, deck.Id, daily.QuestionId, date, context.Now);
        var presented = QuizEngine.Present(session, deck);
        var step = QuizEngine.Answer(session, deck, context.Player, context.DisplayName, 0, PlayerAnswer.Choice(choice), context.Now);
        if (step.Status == QuizStepStatus.InvalidAnswer)
        {
            return Replies.Ephemeral(step.Message);
        }

        if (step is not { Status: QuizStepStatus.Revealed, Record: { } record, SessionAfter: { } after, Reveal: { } reveal } || presented is null)
        {
            return Replies.Ephemeral(DailyView.NotAvailable);
        }

        // A double click or a retried delivery: the first press was stored, this one shows what it stored.
        if (!await store.RecordAnswerAsync(record, after, cancellationToken))
        {
            return await AlreadyAnsweredAsync(sessionId, deck, date, cancellationToken) ?? Replies.Ephemeral(DailyView.NotAvailable);
        }

        var given = presented.Choices[choice];
        return InteractionResponse.Message(DailyView.Reveal(reveal, given, library.Cite(deck, reveal.Fact), date));
    }

    private async Task<InteractionResponse?> AlreadyAnsweredAsync(string sessionId, Core.Decks.Deck deck, DateOnly date, CancellationToken cancellationToken)
    {
        var answered = await store.GetSessionAsync(sessionId, cancellationToken);
        if (answered is null)
        {
            return null;
        }

        var question = deck.Questions.FirstOrDefault(q => q.Id == answered.QuestionIds[0]);
        var fact = question is null ? null : deck.Facts.FirstOrDefault(f => f.Id == question.FactId);
        if (question is null || fact is null)
        {
            return Replies.Ephemeral(DailyView.NotAvailable);
        }

        return InteractionResponse.Message(DailyView.AlreadyAnswered(answered, question, library.Cite(deck, fact), date));
    }
}
