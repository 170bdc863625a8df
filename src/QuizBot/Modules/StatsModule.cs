using System.Globalization;
using Microsoft.Extensions.Logging;
using QuizBot.Content;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Progress;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>/stats [user]: all-time stats in this server (or in DMs, your own DM practice), as text and as a progress card.</summary>
public sealed partial class StatsModule(
    IPlayerStatsQuery stats,
    IPlayerProgressQuery progress,
    DeckLibrary library,
    ProgressPictures pictures,
    ILogger<StatsModule> logger) : IInteractionModule<StatsModule>
{
    public static ModuleRoutes Declared { get; } = new(
    [
        new(
            ApplicationCommand.Slash(
                Commands.CommandNames.Stats,
                "Points, rank, accuracy, streaks and flashcards.",
                ApplicationCommandOption.User(Commands.CommandNames.UserOption, "Whose stats (default: yours).")))
    ],
    []);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Interaction.GetUser(Commands.CommandNames.UserOption);
        var userId = target?.Id.ToString(CultureInfo.InvariantCulture) ?? context.UserId;
        var isSelf = userId == context.UserId;
        var player = new PlayerKey(context.Scope, userId);
        var result = await stats.GetStatsAsync(player, context.Now, cancellationToken);
        if (!isSelf && result.Answered == 0 && target is not null)
        {
            // The store knows names only from answers; fall back to the name Discord resolved.
            var member = context.Interaction.Data?.Resolved?.Members?.GetValueOrDefault(target.Id);
            result = result with { DisplayName = member?.Nick ?? target.DisplayName };
        }

        // The text goes out at once; the card follows as an edit of it once drawn.
        var message = StatsView.Render(result, isSelf).AsEphemeral();
        return InteractionResponse.Message(message).ThenEdit(WithCardAsync(message, player, result, context.Now, cancellationToken));
    }

    /// <summary>
    /// The text reply with the progress card added; saying so when the card is not drawn this time (the drawing queue is
    /// full, or the bot is stopping); null, leaving the text as sent, if drawing fails (the text says it all).
    /// </summary>
    private async Task<MessagePayload?> WithCardAsync(MessagePayload message, PlayerKey player, PlayerStats result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var over = await progress.GetProgressAsync(player, now, cancellationToken: cancellationToken);
            var card = StatsPictureView.Card(result, over, library.Decks.Sum(d => d.Facts.Count));
            var png = await pictures.StatsCardAsync(player, card, cancellationToken);
            return png is null ? PictureAttachment.Skipped(message) : StatsPictureView.Attach(message, card, png, ProgressPictures.StatsFileName);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            LogCardFailed(logger, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stats card could not be drawn; the reply stays text only")]
    private static partial void LogCardFailed(ILogger logger, Exception exception);
}
