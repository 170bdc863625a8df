using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Catalog;
using QuizBot.Discord.Models;
using QuizBot.Hosting;
using QuizBot.Interactions;

namespace QuizBot.Commands;

/// <summary>
/// The application commands the bot registers with Discord (one bulk overwrite replaces them all): read from the
/// routes of the modules <see cref="QuizBotServiceCollectionExtensions.AddQuizBotModules"/> registers, without building
/// them. A module owns its definitions; nothing is listed here. Every free-text option is bounded at registration
/// (max_length) and again where it is read.
/// </summary>
public static class CommandCatalog
{
    /// <summary>Manage Server, as Discord's default_member_permissions bitfield.</summary>
    public const ulong AdminPermission = Permissions.ManageGuild;

    private static readonly Lazy<IReadOnlyList<ApplicationCommand>> Everything = new(() => Of(new ServiceCollection().AddQuizBotModules()));

    public static IReadOnlyList<ApplicationCommand> All => Everything.Value;

    /// <summary>The commands of the modules registered in <paramref name="services"/>, in registration order.</summary>
    public static IReadOnlyList<ApplicationCommand> Of(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services
            .Where(d => d.ServiceType == typeof(ModuleRoutes))
            .Select(d => (ModuleRoutes)d.ImplementationInstance!)
            .SelectMany(routes => routes.Commands)
            .Select(command => command.Definition)
            .ToList();
    }

    /// <summary>The topic option every topical command shares: autocompleted, and no longer than any topic can be.</summary>
    public static ApplicationCommandOption TopicOption(string description) =>
        ApplicationCommandOption.String(CommandNames.TopicOption, description, autocomplete: true) with { MinLength = 1, MaxLength = DeckCatalog.MaxTopicLength };
}
