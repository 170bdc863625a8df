using QuizBot.Content;
using QuizBot.Core.Daily;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// The answer buttons of the question of the day: an adapter over <see cref="DailyService"/>, which decides.
/// The reveal is the member's alone; a second press shows what they answered the first time.
/// </summary>
public sealed class DailyModule(DailyService daily, DeckLibrary library) : IInteractionModule<DailyModule>
{
    public const string Stale = "This question of the day is no longer open.";

    public static ModuleRoutes Declared { get; } = new([], [DailyIds.Area], Stale);

    public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Replies.Ephemeral(Replies.UnknownCommand));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (!context.InGuild || id.Action != DailyIds.Answer || id.IntArg(0) is not { } choice || !DailySchedule.TryParseDate(id.Key, out var date))
        {
            return null;
        }

        return await daily.AnswerAsync(context.Player, context.DisplayName, date, choice, cancellationToken) switch
        {
            DailyAnswerOutcome.Answered { Replayed: false } answered => InteractionResponse.Message(
                DailyView.Reveal(answered.Reveal, answered.GivenChoice, library.Cite(answered.Deck, answered.Reveal.Fact), answered.Date)),
            DailyAnswerOutcome.Answered replayed => InteractionResponse.Message(
                DailyView.AlreadyAnswered(replayed.Reveal, library.Cite(replayed.Deck, replayed.Reveal.Fact), replayed.Date)),
            DailyAnswerOutcome.Closed closed => Replies.Ephemeral(DailyView.Closed(closed.NextHourUtc)),
            DailyAnswerOutcome.Invalid invalid => Replies.Ephemeral($"Pick a choice from 1 to {invalid.ChoiceCount}."),
            DailyAnswerOutcome.NotAvailable => Replies.Ephemeral(DailyView.NotAvailable),
            _ => null,
        };
    }
}
