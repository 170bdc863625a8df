using System.Globalization;
using QuizBot.Core.Ports;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;
using static QuizBot.Commands.CommandNames;

namespace QuizBot.Modules;

/// <summary>
/// /quizadmin daily [channel] [hour-utc] [off]: sets, moves or turns off the question of the day. Without options it
/// shows the current setting. <see cref="AdminModule"/> has checked Manage Server before this runs.
/// </summary>
public sealed class DailyAdminCommand(IGuildStore guilds, BotTokenStatus token)
{
    public const string TokenNeeded =
        "The question of the day is posted as a message of the bot's own, which needs the bot token: set Discord__Token "
        + "(this bot answers interactions without one) and restart, then run /quizadmin daily again.";

    public const string NotATextChannel = "Pick a text or announcement channel for the question of the day.";
    public const string ChooseAChannel = "Choose a channel first: /quizadmin daily channel:#questions [hour-utc]";
    public const string AlreadyOff = "The question of the day is already off.";

    public async Task<MessagePayload> RunAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var interaction = context.Interaction;
        var settings = await guilds.GetSettingsAsync(context.Scope, cancellationToken);
        if (interaction.GetBoolean(OffOption) == true)
        {
            if (settings.DailyChannelId is null)
            {
                return MessagePayload.Text(AlreadyOff);
            }

            await guilds.UpdateSettingsAsync(context.Scope, stored => stored with { DailyChannelId = null }, cancellationToken);
            return DailyView.TurnedOff();
        }

        var channel = interaction.GetChannel(ChannelOption);
        var hour = interaction.GetInteger(HourUtcOption);
        if (hour is < 0 or > 23)
        {
            return MessagePayload.Text($"{HourUtcOption} is an hour of the day in UTC, 0 to 23; {hour.Value.ToString(CultureInfo.InvariantCulture)} is not.");
        }

        if (!token.IsSet)
        {
            return MessagePayload.Text(TokenNeeded);
        }

        var today = DailySchedule.DateOf(context.Now);
        if (channel is null && hour is null)
        {
            return DailyView.Status(settings, await NextPostAsync(settings, context, today, cancellationToken));
        }

        if (channel is not null && (channel.Type is not (ChannelType.GuildText or ChannelType.GuildAnnouncement)
            || (channel.GuildId is { } guild && guild.ToString(CultureInfo.InvariantCulture) != context.Scope)))
        {
            return MessagePayload.Text(NotATextChannel);
        }

        var channelId = channel?.Id.ToString(CultureInfo.InvariantCulture);
        if (channelId is null && settings.DailyChannelId is null)
        {
            return MessagePayload.Text(ChooseAChannel);
        }

        // Changed in one store transaction: a season reset by another admin meanwhile is kept.
        var updated = await guilds.UpdateSettingsAsync(
            context.Scope,
            stored => stored with { DailyChannelId = channelId ?? stored.DailyChannelId, DailyHourUtc = hour is { } h ? (int)h : stored.DailyHourUtc },
            cancellationToken);
        return updated.DailyChannelId is null
            ? MessagePayload.Text(ChooseAChannel)
            : DailyView.Scheduled(updated, (await NextPostAsync(updated, context, today, cancellationToken))!.Value);
    }

    private async Task<DateTimeOffset?> NextPostAsync(GuildSettings settings, InteractionContext context, DateOnly today, CancellationToken cancellationToken)
    {
        if (settings.DailyChannelId is null)
        {
            return null;
        }

        var todays = await guilds.GetDailyQuestionAsync(context.Scope, today, cancellationToken);
        return DailySchedule.NextPost(context.Now, settings.DailyHourUtc, todayDone: todays is not null);
    }
}
