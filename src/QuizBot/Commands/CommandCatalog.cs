using QuizBot.Core.Catalog;
using QuizBot.Core.Trivia;
using QuizBot.Modules;
using QuizBot.Discord.Models;
using static QuizBot.Commands.CommandNames;

namespace QuizBot.Commands;

/// <summary>
/// The application commands the bot registers with Discord (one bulk overwrite replaces them all). Modules that
/// define their commands themselves (<see cref="QuizModule.Definitions"/>, <see cref="StudyModule.Definitions"/>) are
/// gathered here; a test checks that the catalog and the pipeline's routes name the same commands.
/// Every free-text option is bounded at registration (max_length) and again where it is read.
/// </summary>
public static class CommandCatalog
{
    /// <summary>Manage Server, as Discord's default_member_permissions bitfield.</summary>
    public const ulong AdminPermission = Permissions.ManageGuild;

    private static readonly Lazy<IReadOnlyList<ApplicationCommand>> Everything = new(Build);

    public static IReadOnlyList<ApplicationCommand> All => Everything.Value;

    /// <summary>The topic option every topical command shares: autocompleted, and no longer than any topic can be.</summary>
    public static ApplicationCommandOption TopicOption(string description) =>
        ApplicationCommandOption.String(CommandNames.TopicOption, description, autocomplete: true) with { MinLength = 1, MaxLength = DeckCatalog.MaxTopicLength };

    private static List<ApplicationCommand> Build() =>
    [
        .. QuizModule.Definitions,
        ApplicationCommand.Slash(
            Trivia,
            "A live trivia game in this channel: everyone races on the same questions.",
            ApplicationCommandOption.Subcommand(
                TriviaStart,
                "Start a game in this channel.",
                TopicOption("Only questions on this topic."),
                ApplicationCommandOption.Integer(
                    QuestionsOption,
                    $"How many questions ({TriviaRules.MinQuestions}-{TriviaRules.MaxQuestions}, default {TriviaRules.DefaultQuestions}).",
                    minValue: TriviaRules.MinQuestions,
                    maxValue: TriviaRules.MaxQuestions),
                ApplicationCommandOption.Integer(
                    SecondsOption,
                    $"Seconds to answer each question ({TriviaRules.MinSeconds}-{TriviaRules.MaxSeconds}, default {TriviaRules.DefaultSeconds}).",
                    minValue: TriviaRules.MinSeconds,
                    maxValue: TriviaRules.MaxSeconds)),
            ApplicationCommandOption.Subcommand(TriviaStop, "Stop this channel's game (its starter or Manage Server).")),
        .. StudyModule.Definitions,
        ApplicationCommand.Slash(
            Leaderboard,
            "This server's top players.",
            ApplicationCommandOption.String(PeriodOption, "Which period (default: all time this season).").WithChoices(
                ApplicationCommandOptionChoice.Of("This week", "week"),
                ApplicationCommandOptionChoice.Of("This month", "month"),
                ApplicationCommandOptionChoice.Of("All time", "all")),
            ApplicationCommandOption.String(ByOption, "Rank by points or accuracy (default: points).").WithChoices(
                ApplicationCommandOptionChoice.Of("Points", "points"),
                ApplicationCommandOptionChoice.Of("Accuracy", "accuracy"))),
        ApplicationCommand.Slash(
            Stats,
            "Points, rank, accuracy, streaks and flashcards.",
            ApplicationCommandOption.User(UserOption, "Whose stats (default: yours).")),
        ApplicationCommand.Slash(Sources, "The article's footnotes, numbered as in the article, with links."),
        ApplicationCommand.Slash(
            Fact,
            "One fact from the article, with its source.",
            TopicOption("A fact on this topic.")),
        ApplicationCommand.Slash(Help, "How to use the bot."),
        ApplicationCommand.Slash(
            Admin,
            "Moderator tools (Manage Server).",
            ApplicationCommandOption.Subcommand(AdminReports, "Questions members reported."),
            ApplicationCommandOption.Subcommand(
                AdminDaily,
                "Post a question of the day in a channel, or turn it off.",
                ApplicationCommandOption.Channel(ChannelOption, "Where to post it.", channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement]),
                ApplicationCommandOption.Integer(HourUtcOption, "The hour to post it, in UTC (0-23; default 9, or the current one).", minValue: 0, maxValue: 23),
                ApplicationCommandOption.Boolean(OffOption, "True to stop posting the question of the day.")),
            ApplicationCommandOption.Subcommand(AdminResetSeason, "Start a new leaderboard season (all-time stats are kept)."),
            ApplicationCommandOption.Subcommand(AdminSettings, "This server's quiz settings.")) with
        {
            DefaultMemberPermissions = AdminPermission,
        },
    ];
}
