using System.CommandLine;
using QuizBot.Core.Quiz;
using QuizBot.Terminal;

namespace QuizBot.Cli;

/// <summary>`quizbot review [--user NAME] [--resume]`: a quiz of the questions you last got wrong.</summary>
internal static class ReviewCommand
{
    public static Command Create(Func<TerminalIo>? io = null)
    {
        var local = new LocalPlayOptions();
        var resume = new Option<bool>("--resume") { Description = "Continue your unfinished review without asking (review offers it anyway)." };
        var command = new Command("review", "Replay the questions you last got wrong; a right answer clears them.") { resume };
        local.AddTo(command);
        command.SetAction((parse, cancellationToken) => TerminalQuiz.RunAsync(
            parse,
            local,
            io,
            parse.GetValue(resume),
            topic: null,
            (quizzes, setup, continuing, token) => quizzes.StartReviewAsync(setup.Player, null, continuing, token),
            cancellationToken));
        return command;
    }
}
