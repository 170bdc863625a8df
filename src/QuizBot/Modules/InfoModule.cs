using QuizBot.Commands;
using QuizBot.Content;
using System.Diagnostics;
using QuizBot.Core.Facts;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>/sources, /fact [topic] and /help: read-only views of the decks.</summary>
public sealed class InfoModule(DeckLibrary library, FactService facts, TopicAutocomplete autocomplete) : IInteractionModule<InfoModule>
{
    /// <summary>/fact is shared in the channel; /sources and /help are for the one who asked.</summary>
    public static ModuleRoutes Declared { get; } = new(
    [
        new(ApplicationCommand.Slash(Commands.CommandNames.Sources, "The article's footnotes, numbered as in the article, with links.")),
        new(ApplicationCommand.Slash(Commands.CommandNames.Fact, "One fact from the article, with its source.", CommandCatalog.TopicOption("A fact on this topic.")), RepliesInChannel: true),
        new(ApplicationCommand.Slash(Commands.CommandNames.Help, "How to use the bot.")),
    ],
    []);

    public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Interaction.Data?.Name switch
        {
            Commands.CommandNames.Sources => InteractionResponse.Message(SourcesView.Render(library.Decks).AsEphemeral()),
            Commands.CommandNames.Fact => Fact(context),
            _ => InteractionResponse.Message(HelpView.Render(library.Default.Title).AsEphemeral()),
        };
        return Task.FromResult(response);
    }

    public Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(autocomplete.Suggest(context));

    private InteractionResponse Fact(InteractionContext context) =>
        facts.Pick(context.UserId, context.Interaction.GetString(Commands.CommandNames.TopicOption)) switch
        {
            FactOutcome.Shown shown => InteractionResponse.Message(FactView.Render(shown.Deck, shown.Fact, shown.Citations)),
            FactOutcome.UnknownTopic unknown => Replies.Ephemeral(QuizStartView.UnknownTopic(unknown.Choice)),
            _ => throw new UnreachableException(),
        };
}
