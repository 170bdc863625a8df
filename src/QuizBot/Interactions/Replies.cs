using QuizBot.Discord.Models;

namespace QuizBot.Interactions;

/// <summary>The short ephemeral answers every module shares, worded once.</summary>
public static class Replies
{
    public const string QuizEnded = "This quiz has ended — start a new one with /quiz";
    public const string Expired = "These buttons have expired — run the command again.";
    public const string UnknownInvoker = "I couldn't tell who sent that, so nothing was done. Please try again from Discord.";
    public const string NotYourQuiz = "This isn't your quiz — start your own with /quiz";
    public const string NotYourButtons = "These buttons belong to someone else — run the command yourself to get your own.";
    public const string ServerOnly = "This command works in a server, not in direct messages.";
    public const string ShuttingDown = "The bot is restarting — try again in a moment.";
    public const string UnknownCommand = "I don't know that command. Try /help.";

    public static InteractionResponse Ephemeral(string content) =>
        InteractionResponse.Message(new MessagePayload { Content = content, AllowedMentions = AllowedMentions.None }.AsEphemeral());

    public static InteractionResponse Failure(string reference) =>
        Ephemeral($"Something went wrong (ref {reference}). Please try again.");
}
