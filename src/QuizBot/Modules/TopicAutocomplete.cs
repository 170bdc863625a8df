using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Discord.Models;
using QuizBot.Interactions;

namespace QuizBot.Modules;

/// <summary>Suggests the decks' topics for a topic option, filtered by what the user has typed (at most 25).</summary>
public sealed class TopicAutocomplete(DeckLibrary library)
{
    public InteractionResponse Suggest(InteractionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Interaction.FocusedOption() is not { Name: CommandNames.TopicOption })
        {
            return InteractionResponse.Autocomplete([]);
        }

        var topics = library.MatchTopics(context.Interaction.FocusedText(), InteractionResponse.MaxAutocompleteChoices);
        return InteractionResponse.Autocomplete(topics.Select(t => ApplicationCommandOptionChoice.Of(t, t)));
    }
}
