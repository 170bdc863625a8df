using System.Globalization;
using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /quizadmin reports | daily | reset-season | settings. Discord hides the command from members without Manage Server,
/// and every command and button checks the permission again from the member's permissions in the interaction.
/// </summary>
public sealed class AdminModule(IGuildStore guilds, DeckLibrary library, DailyAdminCommand daily) : IInteractionModule<AdminModule>
{
    public const string NeedsManageServer = "You need the Manage Server permission to use /quizadmin.";

    public const string Stale = "This admin panel has expired — run /quizadmin again.";

    public static ModuleRoutes Declared { get; } = new(
    [
        new(ApplicationCommand.Slash(
            Commands.CommandNames.Admin,
            "Moderator tools (Manage Server).",
            ApplicationCommandOption.Subcommand(Commands.CommandNames.AdminReports, "Questions members reported."),
            ApplicationCommandOption.Subcommand(
                Commands.CommandNames.AdminDaily,
                "Post a question of the day in a channel, or turn it off.",
                ApplicationCommandOption.Channel(Commands.CommandNames.ChannelOption, "Where to post it.", channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement]),
                ApplicationCommandOption.Integer(Commands.CommandNames.HourUtcOption, "The hour to post it, in UTC (0-23; default 9, or the current one).", minValue: 0, maxValue: 23),
                ApplicationCommandOption.Boolean(Commands.CommandNames.OffOption, "True to stop posting the question of the day.")),
            ApplicationCommandOption.Subcommand(Commands.CommandNames.AdminResetSeason, "Start a new leaderboard season (all-time stats are kept)."),
            ApplicationCommandOption.Subcommand(Commands.CommandNames.AdminSettings, "This server's quiz settings.")) with
        {
            DefaultMemberPermissions = CommandCatalog.AdminPermission,
        }),
    ],
    [CustomIdAreas.Admin],
    Stale);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Refusal(context) is { } refusal)
        {
            return refusal;
        }

        var subcommand = context.Interaction.CommandPath().Split(' ').ElementAtOrDefault(1);
        var payload = subcommand switch
        {
            Commands.CommandNames.AdminReports => await ReportsAsync(context, cancellationToken),
            Commands.CommandNames.AdminDaily => await daily.RunAsync(context, cancellationToken),
            Commands.CommandNames.AdminResetSeason => AdminView.ConfirmReset(context.UserId),
            Commands.CommandNames.AdminSettings => AdminView.Settings(
                await guilds.GetSettingsAsync(context.Scope, cancellationToken),
                (await guilds.GetRecentDailyQuestionsAsync(context.Scope, 1, cancellationToken)).FirstOrDefault()),
            _ => MessagePayload.Text("Choose one of: reports, daily, reset-season, settings."),
        };
        return InteractionResponse.Message(payload.AsEphemeral());
    }

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (Refusal(context) is { } refusal)
        {
            return refusal;
        }

        if (!string.Equals(id.Key, context.UserId, StringComparison.Ordinal))
        {
            return Replies.Ephemeral(Replies.NotYourButtons);
        }

        switch (id.Action)
        {
            case AdminView.ResetYes:
                await guilds.UpdateSettingsAsync(context.Scope, settings => settings with { SeasonStartedAt = context.Now }, cancellationToken);
                return InteractionResponse.Update(AdminView.SeasonStarted(context.Now));

            case AdminView.ResetNo:
                return InteractionResponse.Update(AdminView.ResetCancelled());

            case AdminView.Resolve when long.TryParse(id.StringArg(0), NumberStyles.None, CultureInfo.InvariantCulture, out var reportId):
                await guilds.ResolveReportAsync(context.Scope, reportId, cancellationToken);
                return InteractionResponse.Update(await ReportsAsync(context, cancellationToken));

            default:
                return null;
        }
    }

    private static InteractionResponse? Refusal(InteractionContext context)
    {
        if (!context.InGuild)
        {
            return Replies.Ephemeral(Replies.ServerOnly);
        }

        return context.MemberHas(CommandCatalog.AdminPermission) ? null : Replies.Ephemeral(NeedsManageServer);
    }

    private async Task<MessagePayload> ReportsAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var reports = await guilds.GetReportsAsync(context.Scope, includeResolved: false, cancellationToken);
        var questions = library.Decks.SelectMany(d => d.Questions).DistinctBy(q => q.Id).ToDictionary(q => q.Id, StringComparer.Ordinal);
        return AdminView.Reports(reports, questions, context.UserId);
    }
}
