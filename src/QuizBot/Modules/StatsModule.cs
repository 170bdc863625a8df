using System.Globalization;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>/stats [user]: all-time stats in this server (or in DMs, your own DM practice).</summary>
public sealed class StatsModule(IPlayerStatsQuery stats) : IInteractionModule
{
    public IReadOnlyCollection<string> CommandNames { get; } = [Commands.CommandNames.Stats];

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Interaction.GetUser(Commands.CommandNames.UserOption);
        var userId = target?.Id.ToString(CultureInfo.InvariantCulture) ?? context.UserId;
        var isSelf = userId == context.UserId;
        var result = await stats.GetStatsAsync(new PlayerKey(context.Scope, userId), context.Now, cancellationToken);
        if (!isSelf && result.Answered == 0 && target is not null)
        {
            // The store knows names only from answers; fall back to the name Discord resolved.
            var member = context.Interaction.Data?.Resolved?.Members?.GetValueOrDefault(target.Id);
            result = result with { DisplayName = member?.Nick ?? target.DisplayName };
        }

        return InteractionResponse.Message(StatsView.Render(result, isSelf).AsEphemeral());
    }
}
