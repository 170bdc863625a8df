using System.Globalization;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Pictures;

namespace QuizBot.Views;

/// <summary>The /stats picture: the card's data from the stats and progress reads, and the card attached under the text embed.</summary>
public static class StatsPictureView
{
    public static StatsCard Card(PlayerStats stats, PlayerProgress progress, int deckCards)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(progress);
        return new StatsCard(
            stats.DisplayName,
            stats.Points,
            stats.Rank,
            stats.Answered,
            stats.Correct,
            stats.BestStreak,
            stats.DayStreak,
            stats.Topics.Select(t => new TopicScore(t.Topic, t.Answered, t.Correct)).ToList(),
            progress.Days.Select(d => new DayScore(d.Day, d.Answered, d.Correct)).ToList(),
            progress.DueByDay,
            progress.CardsLearned,
            progress.CardsLearning,
            Math.Max(0, deckCards - progress.CardsStudied));
    }

    /// <summary>The text reply with the card as its first embed's image; the text stays for screen readers and image-less clients.</summary>
    public static MessagePayload Attach(MessagePayload message, StatsCard card, byte[] png, string fileName)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(card);
        var file = FileUpload.Png(fileName, png, AltText(card));
        return PictureAttachment.OnFirstEmbed(message, file);
    }

    /// <summary>What the picture shows, in words (Discord's image description, read by screen readers).</summary>
    public static string AltText(StatsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var accuracy = card.Answered == 0 ? "no answers yet" : $"{TextFit.Percent((double)card.Correct / card.Answered)} right";
        var rank = card.Rank is { } r ? $"rank {r.ToString(CultureInfo.InvariantCulture)}" : "not ranked";
        var due = card.DueByDay.Count > 0 ? card.DueByDay[0] : 0;
        return TextFit.Truncate(
            $"Progress card for {card.DisplayName}: {card.Points.ToString(CultureInfo.InvariantCulture)} points, {rank}, {accuracy}; " +
            $"{card.Days.Sum(d => d.Answered).ToString(CultureInfo.InvariantCulture)} answers in the last {card.Days.Count} days; " +
            $"{due.ToString(CultureInfo.InvariantCulture)} cards due today; {card.CardsLearned.ToString(CultureInfo.InvariantCulture)} learned, " +
            $"{card.CardsLearning.ToString(CultureInfo.InvariantCulture)} learning, {card.CardsNew.ToString(CultureInfo.InvariantCulture)} new.",
            PictureAttachment.MaxDescriptionLength);
    }
}
