using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using static QuizBot.Commands.CommandNames;

namespace QuizBot.Commands;

/// <summary>The application commands the bot registers with Discord (one bulk overwrite replaces them all).</summary>
public static class CommandCatalog
{
    /// <summary>Manage Server, as Discord's default_member_permissions bitfield.</summary>
    public const ulong AdminPermission = Permissions.ManageGuild;

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        ApplicationCommand.Slash(
            Quiz,
            "Take a personal quiz on the article (only you see it).",
            ApplicationCommandOption.String(TopicOption, "Only questions on this topic.", autocomplete: true),
            ApplicationCommandOption.Integer(LengthOption, $"How many questions (1-{MaxQuizLength}, default {DefaultQuizLength}).", minValue: 1, maxValue: MaxQuizLength)),
        ApplicationCommand.Slash(
            Trivia,
            "A live trivia game in this channel: everyone races on the same questions.",
            ApplicationCommandOption.Subcommand(
                TriviaStart,
                "Start a game in this channel.",
                ApplicationCommandOption.String(TopicOption, "Only questions on this topic.", autocomplete: true),
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
        ApplicationCommand.Slash(Review, "A quiz made of the questions you last got wrong."),
        ApplicationCommand.Slash(
            Study,
            "Spaced-repetition flashcards: the cards due now, then new ones.",
            ApplicationCommandOption.String(TopicOption, "Only cards on this topic.", autocomplete: true)),
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
            ApplicationCommandOption.String(TopicOption, "A fact on this topic.", autocomplete: true)),
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
