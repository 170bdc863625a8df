using System.Globalization;
using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Study;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>/study and its buttons: show the answer, then rate the card and move to the next one.</summary>
public sealed class StudyModule(StudyService study, DeckLibrary library, TopicAutocomplete autocomplete) : IInteractionModule
{
    public const string AlreadyRated = "That card was already rated — carry on with the card in front of you.";

    public IReadOnlyCollection<string> CommandNames { get; } = [Commands.CommandNames.Study];

    public IReadOnlyCollection<string> ComponentAreas { get; } = [CustomIdAreas.Study];

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topic = context.Interaction.GetString(Commands.CommandNames.TopicOption);
        var deck = library.ForTopic(topic) ?? library.Default;
        var next = await study.NextAsync(context.Player, deck, topic, cancellationToken);
        if (next.Status == StudyStatus.UnknownTopic)
        {
            return Replies.Ephemeral(next.Message);
        }

        return InteractionResponse.Message(StudyView.Front(Model(context, deck, next, null)).AsEphemeral());
    }

    public Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(autocomplete.Suggest(context));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (!string.Equals(id.Key, context.UserId, StringComparison.Ordinal))
        {
            return Replies.Ephemeral(Replies.NotYourButtons);
        }

        if (id.StringArg(0) is not { } cardId || id.IntArg(1) is not { } reps || id.StringArg(2) is not { } topicKey)
        {
            return null;
        }

        var topic = TopicOf(topicKey);
        var deck = library.ForTopic(topic) ?? library.Default;
        switch (id.Action)
        {
            case StudyIds.Show:
                var next = await study.NextAsync(context.Player, deck, topic, cancellationToken);
                // Show the back only for the card on screen; a stale "Show answer" brings up the current card instead.
                return next.Card is { } card && card.CardId == cardId && card.Reps == reps
                    ? InteractionResponse.Update(StudyView.Back(Model(context, deck, next, null)))
                    : InteractionResponse.Update(StudyView.Front(Model(context, deck, next, null)));

            case StudyIds.Rate when id.IntArg(3) is { } value && Enum.IsDefined((Rating)value):
                var rating = (Rating)value;
                var rated = await study.RateAsync(context.Player, deck, cardId, rating, topic, reps, cancellationToken);
                return rated.Status switch
                {
                    RateStatus.Rated when rated.Next is { } after => InteractionResponse.Update(
                        StudyView.Front(Model(context, deck, after, $"Rated **{rating}** — you'll see that card again in {rated.IntervalLabel}."))),
                    RateStatus.AlreadyRated => Replies.Ephemeral(AlreadyRated),
                    _ => null,
                };

            default:
                return null;
        }
    }

    private StudyModel Model(InteractionContext context, Deck deck, StudyNext next, string? notice) =>
        new(next, context.UserId, TopicKey(next.Topic), next.Card is { } card ? library.Cite(deck, card.Fact) : [], notice);

    private string TopicKey(string? topic)
    {
        var index = topic is null ? -1 : library.Topics.ToList().IndexOf(topic);
        return index < 0 ? StudyIds.NoTopic : index.ToString(CultureInfo.InvariantCulture);
    }

    private string? TopicOf(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < library.Topics.Count
            ? library.Topics[index]
            : null;
}
