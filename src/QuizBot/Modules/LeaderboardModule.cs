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
    /// The text goes out at once; the podium follows in an edit that sets the message's picture and nothing else. The
    /// picture belongs to the message, not to a page: a page turned in place leaves it as it is, and the late edit
    /// leaves the text as it is, so whichever lands last, the message shows the member's newest page under the podium
    /// (two instances behind a load balancer included: the two kinds of change touch different fields). A first page
    /// draws the podium again, as its top three may have moved since; when that drawing is skipped, a new message says
    /// so and a page turned in place keeps the podium it has.
    /// </summary>
    private InteractionResponse WithPodium(InteractionResponse response, BoardPage page, string scope, CancellationToken cancellationToken) =>
        page.Podium is { } podium
            ? response.ThenEdit(PodiumAsync(scope, page.Board, podium, response.Type == InteractionCallbackType.ChannelMessageWithSource, cancellationToken))
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
        if (page > 0)
        {
            return new BoardPage(text, board, page, null);
        }

        // A first page with nobody ranked has no podium, and takes away one an earlier board showed.
        var podium = LeaderboardPodiumView.Podium(board);
        return new BoardPage(podium is null ? PictureAttachment.WithoutFiles(text) : text, board, page, podium);
    }

    /// <summary>
    /// The edit that sets the podium as the message's picture; when it is not drawn this time, the edit saying so
    /// (<paramref name="sayWhenSkipped"/>) or none; none if drawing fails.
    /// </summary>
    private async Task<MessagePayload?> PodiumAsync(string scope, Leaderboard board, Podium podium, bool sayWhenSkipped, CancellationToken cancellationToken)
    {
        try
        {
            var png = await pictures.PodiumAsync(scope, board.Period, board.Metric, podium, cancellationToken);
            if (png is null)
            {
                return sayWhenSkipped ? PictureAttachment.PictureSkipped() : null;
            }

            return LeaderboardPodiumView.Picture(podium, png, ProgressPictures.PodiumFileName);
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

    /// <summary>One page of a board as text, with the board it shows, its number (0: the first) and, on a first page, its podium.</summary>
    private sealed record BoardPage(MessagePayload Text, Leaderboard Board, int Number, Podium? Podium);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leaderboard podium could not be drawn; the page stays text only")]
    private static partial void LogPodiumFailed(ILogger logger, Exception exception);
}
