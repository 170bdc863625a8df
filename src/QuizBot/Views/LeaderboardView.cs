using System.Globalization;
using System.Text;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>One page of the leaderboard, for the user who asked (their own rank shows under the page).</summary>
public sealed record LeaderboardModel(Leaderboard Board, int Page, int PageSize, string ViewerUserId, DateTimeOffset? SeasonStartedAt);

/// <summary>The server's leaderboard: medals for the top three, the viewer's own rank, and paging buttons.</summary>
public static class LeaderboardView
{
    public const string PageAction = "p";
    public const string PreviousLabel = "◀ Previous";
    public const string NextLabel = "Next ▶";

    public static MessagePayload Render(LeaderboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var board = model.Board;
        var text = new StringBuilder();
        if (board.Rows.Count == 0)
        {
            text.Append("Nobody has answered in this period yet. Be the first: /quiz");
        }

        foreach (var row in board.Rows)
        {
            text.Append(Line(row, board.Metric, row.UserId == model.ViewerUserId)).Append('\n');
        }

        if (board.Caller is { } caller && board.Rows.All(r => r.UserId != caller.UserId))
        {
            text.Append("…\n").Append(Line(caller, board.Metric, true)).Append('\n');
        }
        else if (board.Caller is null && board.Rows.Count > 0)
        {
            text.Append(board.Metric == LeaderboardMetric.Accuracy
                ? "\nYou need at least 10 answers in this period to be ranked by accuracy."
                : "\nYou have no answers in this period yet.");
        }

        var pages = PageCount(board.TotalRanked, model.PageSize);
        var footer = $"Page {model.Page + 1}/{pages} · {board.TotalRanked} ranked";
        if (model.SeasonStartedAt is { } season)
        {
            footer += $" · season since {season.UtcDateTime.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}";
        }

        var embed = new Embed
        {
            Title = $"🏆 Leaderboard — {PeriodName(board.Period)}, by {(board.Metric == LeaderboardMetric.Points ? "points" : "accuracy")}",
            Description = TextFit.Truncate(text.ToString().TrimEnd(), Embed.MaxDescriptionLength),
            Color = Colors.Gold,
            Footer = new EmbedFooter { Text = footer },
        };

        List<Component> components = [];
        if (pages > 1)
        {
            var previous = Button.Secondary(PageId(model, model.Page - 1, "prev").ToString(), PreviousLabel) with { Disabled = model.Page == 0 };
            var next = Button.Secondary(PageId(model, model.Page + 1, "next").ToString(), NextLabel) with { Disabled = model.Page + 1 >= pages };
            components.Add(ActionRow.Of(previous, next));
        }

        return new MessagePayload { Embeds = [embed], Components = components, AllowedMentions = AllowedMentions.None };
    }

    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    public static string PeriodName(LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.Week => "this week",
        LeaderboardPeriod.Month => "this month",
        _ => "all time",
    };

    /// <summary>The page a button leads to; the last arg keeps the two buttons' ids distinct even when both are disabled.</summary>
    private static CustomId PageId(LeaderboardModel model, int page, string direction) =>
        CustomId.Create(
            CustomIdAreas.Leaderboard,
            model.ViewerUserId,
            PageAction,
            model.Board.Period.ToString().ToLowerInvariant(),
            model.Board.Metric.ToString().ToLowerInvariant(),
            Math.Max(page, 0),
            direction);

    private static string Line(LeaderboardRow row, LeaderboardMetric metric, bool isViewer)
    {
        var place = row.Rank switch
        {
            1 => "🥇",
            2 => "🥈",
            3 => "🥉",
            _ => $"`#{row.Rank}`",
        };
        var name = TextFit.EscapeMarkdown(TextFit.Truncate(row.DisplayName, 40));
        var score = metric == LeaderboardMetric.Points
            ? $"{row.Points} pts · {TextFit.Percent(row.Accuracy)}"
            : $"{TextFit.Percent(row.Accuracy)} · {row.Points} pts";
        var line = $"{place} {name} — {score} ({row.Answered} answered)";
        return isViewer ? $"**{line} ← you**" : line;
    }
}
