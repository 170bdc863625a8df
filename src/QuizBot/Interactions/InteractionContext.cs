using System.Globalization;
using QuizBot.Core.Players;
using QuizBot.Discord.Models;

namespace QuizBot.Interactions;

/// <summary>
/// One interaction as the modules see it: who sent it, where (a guild or a DM), and when.
/// Personal data is kept per scope: the guild id in a server, "dm" in direct messages.
/// </summary>
public sealed class InteractionContext
{
    public const string DmScope = "dm";

    public InteractionContext(Interaction interaction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Interaction = interaction;
        Now = now;
        var user = interaction.Invoker;
        UserId = user?.Id.ToString(CultureInfo.InvariantCulture) ?? "";
        DisplayName = interaction.Member?.Nick ?? user?.DisplayName ?? "someone";
        Scope = interaction.GuildId is { } guild ? guild.ToString(CultureInfo.InvariantCulture) : DmScope;
    }

    public Interaction Interaction { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The invoker's id as text, as the stores key players.</summary>
    public string UserId { get; }

    /// <summary>The name the server shows for the invoker: nickname, display name, then username.</summary>
    public string DisplayName { get; }

    /// <summary>The guild id, or "dm" outside a server.</summary>
    public string Scope { get; }

    public bool InGuild => Interaction.GuildId is not null;

    public PlayerKey Player => new(Scope, UserId);

    /// <summary>Whether the invoker holds the permission here, as Discord resolved it for this interaction.</summary>
    public bool MemberHas(ulong permission) =>
        Interaction.Member is { } member && (member.HasPermission(permission) || member.HasPermission(Permissions.Administrator));
}
