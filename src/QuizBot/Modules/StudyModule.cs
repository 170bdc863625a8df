using System.Globalization;
using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Study;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>/study and its buttons: show the answer, then rate the card and move to the next one.</summary>
public sealed class StudyModule(StudyService study, DeckLibrary library, TopicAutocomplete autocomplete) : IInteractionModule<StudyModule>
{
    public const string AlreadyRated = "That card was already rated — carry on with the card in front of you.";
    public const string Stale = "This study card is no longer current — run /study to carry on.";

    public static ModuleRoutes Declared { get; } = new(
    [
        new(ApplicationCommand.Slash(
            Commands.CommandNames.Study,
            "Spaced-repetition flashcards: the cards due now, then new ones.",
            CommandCatalog.TopicOption("Only cards on this topic."))),
    ],
    [CustomIdAreas.Study],
    Stale);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topic = context.Interaction.GetString(Commands.CommandNames.TopicOption);
        var screen = await study.NextAsync(context.Player, topic, cancellationToken);
        if (screen is StudyScreen.UnknownTopic unknown)
        {
            return Replies.Ephemeral(QuizStartView.UnknownTopic(unknown.Topic));
        }

        return InteractionResponse.Message(StudyView.Front(Model(context, screen, null)).AsEphemeral());
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

        if (id.StringArg(0) is not { } cardId || id.IntArg(1) is not { } version || id.StringArg(2) is not { } topicKey)
        {
            return null;
        }

        var topic = TopicOf(topicKey);
        switch (id.Action)
        {
            case StudyIds.Show:
                // Show the back only for the card on screen; a stale "Show answer" brings up the current card instead.
                var (screen, showBack) = await study.RevealAsync(context.Player, topic, cardId, version, cancellationToken);
                return showBack
                    ? InteractionResponse.Update(StudyView.Back(Model(context, screen, null)))
                    : InteractionResponse.Update(StudyView.Front(Model(context, screen, null)));

            case StudyIds.Rate when id.IntArg(3) is { } value && Enum.IsDefined((Rating)value):
                return await study.RateAsync(context.Player, topic, cardId, version, (Rating)value, cancellationToken) switch
                {
                    RateOutcome.Rated rated => InteractionResponse.Update(StudyView.Front(Model(
                        context, rated.Next, $"Rated **{rated.Rating}** — you'll see that card again in {IntervalLabel.Format(rated.Interval)}."))),
                    RateOutcome.AlreadyRated => Replies.Ephemeral(AlreadyRated),
                    _ => null,
                };

            default:
                return null;
        }
    }

    private StudyModel Model(InteractionContext context, StudyScreen screen, string? notice)
    {
        var model = new StudyModel(screen, context.UserId, StudyIds.NoTopic, [], notice);
        var citations = screen is StudyScreen.Card card ? card.Current.Citations : [];
        return model with { TopicKey = TopicKey(model.Topic), Citations = citations };
    }

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
