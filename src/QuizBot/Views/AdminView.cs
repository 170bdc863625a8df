using System.Globalization;
using System.Text;
using QuizBot.Core.Decks;
using QuizBot.Core.Ports;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>The moderator screens of /quizadmin: reported questions, the season reset confirmation, settings.</summary>
public static class AdminView
{
    public const string Resolve = "resolve";
    public const string ResetYes = "reset-yes";
    public const string ResetNo = "reset-no";
    public const int MaxReportsShown = 10;
    public const int MaxResolveButtons = 5;

    public static MessagePayload Reports(IReadOnlyList<QuestionReport> reports, IReadOnlyDictionary<string, Question> questions, string viewerUserId)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(questions);
        if (reports.Count == 0)
        {
            return new MessagePayload { Content = "No open reports. 🎉", Components = [] };
        }

        var fields = reports.Take(MaxReportsShown).Select(report =>
        {
            var prompt = questions.TryGetValue(report.QuestionId, out var question) ? question.Prompt : "(no longer in the deck)";
            var value = new StringBuilder()
                .Append("**Question:** ").Append(TextFit.Truncate(prompt, 200)).Append('\n')
                .Append("**Reason:** ").Append(TextFit.Truncate(TextFit.EscapeMarkdown(report.Reason), 200)).Append('\n')
                .Append("by <@").Append(report.UserId).Append("> ").Append(TextFit.Timestamp(report.ReportedAt));
            return EmbedField.Of(
                TextFit.Truncate($"#{report.Id} · {report.QuestionId}", Embed.MaxFieldNameLength),
                TextFit.Truncate(value.ToString(), Embed.MaxFieldValueLength));
        }).ToList();

        var embed = new Embed
        {
            Title = "🚩 Reported questions",
            Description = reports.Count > MaxReportsShown ? $"Showing {MaxReportsShown} of {reports.Count} open reports." : $"{reports.Count} open report(s).",
            Color = Colors.Wrong,
            Fields = fields,
        };
        var buttons = reports.Take(MaxResolveButtons)
            .Select(r => Button.Success(
                CustomId.Create(CustomIdAreas.Admin, viewerUserId, Resolve, r.Id).ToString(),
                $"Resolve #{r.Id.ToString(CultureInfo.InvariantCulture)}"))
            .ToArray();
        return new MessagePayload { Embeds = [embed], Components = [ActionRow.Of(buttons)], AllowedMentions = AllowedMentions.None };
    }

    public static MessagePayload ConfirmReset(string viewerUserId) =>
        new()
        {
            Content = "Start a new leaderboard season? Leaderboards will count from now on. All-time /stats and history are kept.",
            Components =
            [
                ActionRow.Of(
                    Button.Danger(CustomId.Create(CustomIdAreas.Admin, viewerUserId, ResetYes).ToString(), "Start new season"),
                    Button.Secondary(CustomId.Create(CustomIdAreas.Admin, viewerUserId, ResetNo).ToString(), "Cancel")),
            ],
        };

    public static MessagePayload SeasonStarted(DateTimeOffset at) =>
        new()
        {
            Content = $"A new season started {TextFit.Timestamp(at, 'f')}. Leaderboards count from now; all-time stats are kept.",
            Components = [],
        };

    public static MessagePayload ResetCancelled() => new() { Content = "Cancelled — the season goes on.", Components = [] };

    /// <param name="lastDaily">The latest question of the day, to show whether it went out.</param>
    public static MessagePayload Settings(GuildSettings settings, DailyQuestion? lastDaily = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var last = lastDaily is { } daily
            ? $"{DailySchedule.Format(daily.Date)}: " + (daily.IsPosted ? "posted" : daily.Failure is { } failure ? TextFit.Truncate($"not posted ({failure})", 200) : "posting")
            : "none yet";
        var embed = new Embed
        {
            Title = "⚙️ Quiz settings",
            Color = Colors.Neutral,
            Fields =
            [
                EmbedField.Of("Daily question channel", settings.DailyChannelId is { } channel ? $"<#{channel}>" : "not set", inline: true),
                EmbedField.Of("Daily question hour", $"{settings.DailyHourUtc.ToString("00", CultureInfo.InvariantCulture)}:00 UTC", inline: true),
                EmbedField.Of("Last daily question", last, inline: true),
                EmbedField.Of("Season started", settings.SeasonStartedAt is { } at ? TextFit.Timestamp(at, 'f') : "never reset (all time)", inline: true),
            ],
        };
        return new MessagePayload { Embeds = [embed] };
    }
}
