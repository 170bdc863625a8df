using System.CommandLine;

namespace QuizBot.Cli;

/// <summary>`quizbot content check|export`: for deck authors.</summary>
internal static class ContentCommand
{
    public static Command Create()
    {
        var content = new Command("content", "Check or export the decks in content/.");
        return content;
    }
}
