using Microsoft.Extensions.Logging;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Pictures;
using QuizBot.Interactions;
using QuizBot.Progress;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /leaderboard [period] [by], shared in the channel, and its page buttons. The person who asked turns the page
/// in place; anyone else pressing a page button gets that page privately, with their own rank.
/// </summary>
public sealed partial class LeaderboardModule(IPlayerStatsQuery stats, IGuildStore guilds, ProgressPictures pictures, ILogger<LeaderboardModule> logger) : IInteractionModule<LeaderboardModule>
{
    public const int PageSize = 10;

    public const string Stale = "This leaderboard page has expired — run /leaderboard again.";

    /// <summary>The board is shared in the channel; a page button pressed by someone else answers privately.</summary>
    public static ModuleRoutes Declared { get; } = new(
    [
        new(
            ApplicationCommand.Slash(
                Commands.CommandNames.Leaderboard,
                "This server's top players.",
                ApplicationCommandOption.String(Commands.CommandNames.PeriodOption, "Which period (default: all time this season).").WithChoices(
                    ApplicationCommandOptionChoice.Of("This week", "week"),
                    ApplicationCommandOptionChoice.Of("This month", "month"),
                    ApplicationCommandOptionChoice.Of("All time", "all")),
                ApplicationCommandOption.String(Commands.CommandNames.ByOption, "Rank by points or accuracy (default: points).").WithChoices(
                    ApplicationCommandOptionChoice.Of("Points", "points"),
                    ApplicationCommandOptionChoice.Of("Accuracy", "accuracy"))),
            RepliesInChannel: true),
    ],
    [CustomIdAreas.Leaderboard],
    Stale);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.InGuild)
        {
            return Replies.Ephemeral(Replies.ServerOnly);
        }

        var period = ParsePeriod(context.Interaction.GetString(Commands.CommandNames.PeriodOption));
        var metric = ParseMetric(context.Interaction.GetString(Commands.CommandNames.ByOption));
        if (period is null || metric is null)
        {
            return Replies.Ephemeral("Choose a period of week, month or all, and rank by points or accuracy.");
        }

        var page = await RenderAsync(context, period.Value, metric.Value, 0, cancellationToken);
        return WithPodium(InteractionResponse.Message(page.Text), page, context.Scope, cancellationToken);
    }

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (!context.InGuild || id.Action != LeaderboardView.PageAction
            || ParsePeriod(id.StringArg(0)) is not { } period || ParseMetric(id.StringArg(1)) is not { } metric || id.IntArg(2) is not { } page)
        {
            return null;
        }

        var shown = await RenderAsync(context, period, metric, page, cancellationToken);
        var response = string.Equals(id.Key, context.UserId, StringComparison.Ordinal)
            ? InteractionResponse.Update(shown.Text)
            : InteractionResponse.Message(shown.Text.AsEphemeral());
        return WithPodium(response, shown, context.Scope, cancellationToken);
    }

    /// <summary>
    /// A first page goes out as text at once, and the podium follows as an edit of it once drawn. The text carries no
    /// files, so a page turned in place drops the podium it showed before.
    /// </summary>
    private InteractionResponse WithPodium(InteractionResponse response, BoardPage page, string scope, CancellationToken cancellationToken) =>
        page.Number == 0 && LeaderboardPodiumView.Podium(page.Board) is { } podium
            ? response.ThenEdit(WithPodiumAsync(page.Text, scope, page.Board, podium, cancellationToken))
            : response;

    private async Task<BoardPage> RenderAsync(InteractionContext context, LeaderboardPeriod period, LeaderboardMetric metric, int page, CancellationToken cancellationToken)
    {
        var board = await stats.GetLeaderboardAsync(context.Scope, period, metric, context.UserId, page * PageSize, PageSize, context.Now, cancellationToken);
        // A page past the end (the board shrank since the button was drawn) falls back to the last page.
        var last = LeaderboardView.PageCount(board.TotalRanked, PageSize) - 1;
        if (page > last)
        {
            page = last;
            board = await stats.GetLeaderboardAsync(context.Scope, period, metric, context.UserId, page * PageSize, PageSize, context.Now, cancellationToken);
        }

        var settings = await guilds.GetSettingsAsync(context.Scope, cancellationToken);
        var text = LeaderboardView.Render(new LeaderboardModel(board, page, PageSize, context.UserId, settings.SeasonStartedAt));
        return new BoardPage(PictureAttachment.WithoutFiles(text), board, page);
    }

    /// <summary>The first page with the podium above it; saying so when it is not drawn this time; null (the text stays) if drawing fails.</summary>
    private async Task<MessagePayload?> WithPodiumAsync(MessagePayload text, string scope, Leaderboard board, Podium podium, CancellationToken cancellationToken)
    {
        try
        {
            var png = await pictures.PodiumAsync(scope, board.Period, board.Metric, podium, cancellationToken);
            return png is null ? PictureAttachment.Skipped(text) : LeaderboardPodiumView.Attach(text, podium, png, ProgressPictures.PodiumFileName);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            LogPodiumFailed(logger, exception);
            return null;
        }
    }

    private static LeaderboardPeriod? ParsePeriod(string? value) => value switch
    {
        null or "all" => LeaderboardPeriod.All,
        "week" => LeaderboardPeriod.Week,
        "month" => LeaderboardPeriod.Month,
        _ => null,
    };

    private static LeaderboardMetric? ParseMetric(string? value) => value switch
    {
        null or "points" => LeaderboardMetric.Points,
        "accuracy" => LeaderboardMetric.Accuracy,
        _ => null,
    };

    /// <summary>One page of a board as text, with the board it shows and its number (0: the first).</summary>
    private sealed record BoardPage(MessagePayload Text, Leaderboard Board, int Number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leaderboard podium could not be drawn; the page stays text only")]
    private static partial void LogPodiumFailed(ILogger logger, Exception exception);
}
