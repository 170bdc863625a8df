using System.Globalization;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Pictures;

namespace QuizBot.Views;

/// <summary>The leaderboard's podium picture: its data from the board's first page, and the edit that shows it above the list.</summary>
public static class LeaderboardPodiumView
{
    public const int Places = 3;

    /// <summary>The top three of a first page, or null when nobody is ranked yet.</summary>
    public static Podium? Podium(Leaderboard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var top = board.Rows.Where(r => r.Rank <= Places).Take(Places).ToList();
        if (top.Count == 0)
        {
            return null;
        }

        var metric = board.Metric == LeaderboardMetric.Points ? "points" : "accuracy";
        return new Podium(
            $"Top {top.Count.ToString(CultureInfo.InvariantCulture)} — {LeaderboardView.PeriodName(board.Period)}, by {metric}",
            top.Select(r => new PodiumPlace(r.Rank, r.DisplayName, Score(r, board.Metric))).ToList());
    }

    /// <summary>The edit that makes the podium the message's picture (see <see cref="PictureAttachment.PictureOnly"/>), described in words.</summary>
    public static MessagePayload Picture(Podium podium, byte[] png, string fileName)
    {
        ArgumentNullException.ThrowIfNull(podium);
        var places = string.Join("; ", podium.Places.Select(p => $"{p.Rank.ToString(CultureInfo.InvariantCulture)}. {p.DisplayName}, {p.Score}"));
        var alt = TextFit.Truncate($"{podium.Title}: {places}", PictureAttachment.MaxDescriptionLength);
        return PictureAttachment.PictureOnly(FileUpload.Png(fileName, png, alt));
    }

    private static string Score(LeaderboardRow row, LeaderboardMetric metric) =>
        metric == LeaderboardMetric.Points
            ? $"{row.Points.ToString(CultureInfo.InvariantCulture)} pts · {TextFit.Percent(row.Accuracy)}"
            : $"{TextFit.Percent(row.Accuracy)} · {row.Points.ToString(CultureInfo.InvariantCulture)} pts";
}
