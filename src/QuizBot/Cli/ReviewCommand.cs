using System.CommandLine;
using QuizBot.Terminal;

namespace QuizBot.Cli;

/// <summary>`quizbot review [--user NAME]`: a quiz of the questions you last got wrong.</summary>
internal static class ReviewCommand
{
    public static Command Create(Func<TerminalIo>? io = null)
    {
        var local = new LocalPlayOptions();
        var resume = new Option<bool>("--resume") { Description = "Continue your unfinished review instead of starting a new one." };
        var command = new Command("review", "Replay the questions you last got wrong; a right answer clears them.") { resume };
        local.AddTo(command);
        command.SetAction((parse, cancellationToken) => TerminalQuiz.RunAsync(
            parse,
            local,
            io,
            (quizzes, setup, token) => quizzes.StartReviewAsync(setup.Player, null, parse.GetValue(resume), token),
            cancellationToken));
        return command;
    }
}
