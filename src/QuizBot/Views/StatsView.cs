using System.Globalization;
using System.Text;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>A player's stats: points, rank, answered, accuracy, streaks, accuracy per topic as bars, and cards.</summary>
public static class StatsView
{
    public const int MaxTopicLines = 25;

    public static MessagePayload Render(PlayerStats stats, bool isSelf)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var name = TextFit.Truncate(stats.DisplayName, 80);
        var fields = new List<EmbedField>
        {
            EmbedField.Of("Points", Number(stats.Points), inline: true),
            EmbedField.Of("Rank", stats.Rank is { } rank ? $"#{Number(rank)}" : "not ranked yet", inline: true),
            EmbedField.Of("Answered", Number(stats.Answered), inline: true),
            EmbedField.Of("Accuracy", stats.Answered == 0 ? "—" : $"{TextFit.Percent(stats.Accuracy)} ({Number(stats.Correct)}/{Number(stats.Answered)})", inline: true),
            EmbedField.Of("Best streak", Number(stats.BestStreak), inline: true),
            EmbedField.Of("Day streak", stats.DayStreak > 0 ? $"{Number(stats.DayStreak)} 🔥" : "0", inline: true),
            EmbedField.Of("Cards learned", Number(stats.CardsLearned), inline: true),
            EmbedField.Of("Cards due", $"{Number(stats.CardsDueNow)} now · {Number(stats.CardsDueToday)} today", inline: true),
        };

        var text = new StringBuilder();
        if (stats.Topics.Count == 0)
        {
            text.Append(isSelf ? "No answers yet — start with /quiz." : "No answers yet.");
        }
        else
        {
            text.Append("**Accuracy by topic**\n");
            foreach (var topic in stats.Topics.OrderByDescending(t => t.Answered).ThenBy(t => t.Topic, StringComparer.Ordinal).Take(MaxTopicLines))
            {
                var ratio = topic.Answered == 0 ? 0 : (double)topic.Correct / topic.Answered;
                text.Append('`').Append(TextFit.Bar(topic.Correct, topic.Answered)).Append("` ")
                    .Append(TextFit.Percent(ratio)).Append(' ')
                    .Append(TextFit.Truncate(topic.Topic, 60))
                    .Append(" (").Append(Number(topic.Correct)).Append('/').Append(Number(topic.Answered)).Append(")\n");
            }
        }

        var embed = new Embed
        {
            Title = TextFit.Truncate($"📊 Stats — {name}", Embed.MaxTitleLength),
            Description = TextFit.Truncate(text.ToString().TrimEnd(), Embed.MaxDescriptionLength),
            Color = Colors.Question,
            Fields = fields,
        };
        return new MessagePayload { Embeds = [embed], AllowedMentions = AllowedMentions.None };
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
