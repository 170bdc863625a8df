namespace QuizBot.Commands;

/// <summary>The slash command names, option names and choice values, as registered with Discord.</summary>
public static class CommandNames
{
    public const string Quiz = "quiz";
    public const string Trivia = "trivia";
    public const string Review = "review";
    public const string Study = "study";
    public const string Leaderboard = "leaderboard";
    public const string Stats = "stats";
    public const string Sources = "sources";
    public const string Fact = "fact";
    public const string Help = "help";
    public const string Admin = "quizadmin";

    public const string TriviaStart = "start";
    public const string TriviaStop = "stop";

    public const string AdminReports = "reports";
    public const string AdminResetSeason = "reset-season";
    public const string AdminSettings = "settings";
    public const string AdminDaily = "daily";

    public const string TopicOption = "topic";
    public const string LengthOption = "length";
    public const string PeriodOption = "period";
    public const string ByOption = "by";
    public const string UserOption = "user";
    public const string ChannelOption = "channel";
    public const string HourUtcOption = "hour-utc";
    public const string OffOption = "off";
    public const string QuestionsOption = "questions";
    public const string SecondsOption = "seconds";

    public const int DefaultQuizLength = 10;
    public const int MaxQuizLength = 25;
}
