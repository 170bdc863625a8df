using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuizBot.Core.Daily;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Views;

namespace QuizBot.Daily;

/// <summary>
/// Posts each guild's question of the day. It wakes at the start of every minute, asks the store which guilds'
/// daily hour has come without today's question, claims the day for each (so a day is attempted once, even across
/// restarts or two processes) and posts the question to the guild's channel. A refused post (no access, a deleted
/// channel) is logged and recorded, and the guild is tried again the next day; nothing stops the bot.
/// Without the bot token it logs one warning and stays idle.
/// </summary>
public sealed partial class DailyQuestionPoster(
    IGuildStore guilds,
    IDiscordRestClient rest,
    DailyPicker picker,
    BotTokenStatus token,
    TimeProvider time,
    ILogger<DailyQuestionPoster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!token.IsSet)
        {
            // Said once at start, in the settings summary (BotHost.DailyNote).
            return;
        }

        if (picker.CandidateCount == 0)
        {
            LogNoButtonQuestions();
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PostDueAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A store hiccup: log it and look again at the next minute.
                    LogPassFailed(exception);
                }

                var now = time.GetUtcNow();
                await Task.Delay(DailySchedule.NextMinute(now) - now, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One look at the clock: posts every question now due. Returns how many were posted.</summary>
    public async Task<int> PostDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var date = DailySchedule.DateOf(now);
        var posted = 0;
        foreach (var settings in await guilds.GetDailyQuestionsDueAsync(date, now.UtcDateTime.Hour, cancellationToken))
        {
            if (await PostAsync(settings, date, now, cancellationToken))
            {
                posted++;
            }
        }

        return posted;
    }

    private async Task<bool> PostAsync(GuildSettings settings, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = settings.Scope;
        var channelText = settings.DailyChannelId ?? "";
        var recent = await guilds.GetRecentDailyQuestionsAsync(scope, DailyPicker.RecentWindow, cancellationToken);
        if (picker.Pick(scope, date, recent.Select(d => d.QuestionId).ToList()) is not { } pick)
        {
            return false;
        }

        var claim = new DailyQuestion(scope, date, pick.Deck.Id, pick.Question.Id, channelText, now);
        if (!await guilds.ClaimDailyQuestionAsync(claim, cancellationToken))
        {
            return false; // another process took this day
        }

        var presented = DailySchedule.Present(pick.Deck, scope, pick.Question.Id, date, now);
        if (!ulong.TryParse(channelText, NumberStyles.None, CultureInfo.InvariantCulture, out var channelId) || presented is null)
        {
            await FailAsync(scope, date, channelText, 0, "the stored channel is not a Discord channel id");
            return false;
        }

        try
        {
            // The REST client retries a 5xx, and a 5xx can follow a message Discord did create: the day's nonce makes the
            // retry return that message instead of posting the question twice.
            var post = new NoncedMessagePayload(DailyView.Post(presented, date, pick.Deck.Title), Nonce(scope, date));
            var message = await rest.CreateMessageOnceAsync(channelId, post, cancellationToken);
            await guilds.CompleteDailyQuestionAsync(scope, date, message.Id.ToString(CultureInfo.InvariantCulture), null, CancellationToken.None);
            LogPosted(scope, channelText, pick.Question.Id, DailySchedule.Format(date));
            return true;
        }
        catch (DiscordApiException exception)
        {
            var reason = exception.Status switch
            {
                HttpStatusCode.Forbidden => "the bot may not post there (it needs View Channel, Send Messages and Embed Links)",
                HttpStatusCode.NotFound => "the channel no longer exists or the bot cannot see it; choose another with /quizadmin daily",
                _ => "Discord refused the message",
            };
            await FailAsync(scope, date, channelText, (int)exception.Status, $"{reason}: {exception.DiscordMessage ?? "no message"}");
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await FailAsync(scope, date, channelText, 0, $"Discord could not be reached ({exception.GetType().Name})");
            return false;
        }
    }

    /// <summary>One nonce per guild and UTC day, within Discord's 25 characters.</summary>
    public static string Nonce(string scope, DateOnly date) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"daily:{scope}:{DailySchedule.Format(date)}")))[..24];

    private async Task FailAsync(string scope, DateOnly date, string channel, int status, string reason)
    {
        LogPostFailed(scope, channel, status, reason);
        var failure = status == 0 ? reason : $"{status.ToString(CultureInfo.InvariantCulture)}: {reason}";
        // Recorded even when stopping, so the day is not attempted again after a restart.
        await guilds.CompleteDailyQuestionAsync(scope, date, null, TextFit.Truncate(failure, 500), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily questions are off: no deck has a multiple-choice or true/false question to answer with buttons.")]
    private partial void LogNoButtonQuestions();

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the question of the day {QuestionId} for {Date} in guild {Scope}, channel {ChannelId}")]
    private partial void LogPosted(string scope, string channelId, string questionId, string date);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question of the day for guild {Scope} could not be posted in channel {ChannelId} (HTTP {Status}): {Reason}. It will be tried again tomorrow.")]
    private partial void LogPostFailed(string scope, string channelId, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due daily questions failed; trying again in a minute")]
    private partial void LogPassFailed(Exception exception);
}
