using System.CommandLine;
using QuizBot.Core.Quiz;
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
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var setup = local.Resolve(parse, parse.InvocationConfiguration.Error);
            if (setup is null)
            {
                return 2;
            }

            var terminal = (io ?? TerminalIo.System)();
            var quizzes = new QuizService(setup.Store.Quizzes, terminal.Clock, terminal.Random);
            var start = await quizzes.StartReviewAsync(setup.Player, setup.Deck, null, parse.GetValue(resume), cancellationToken);
            return await new QuizTerminal(terminal, quizzes, setup.Store.Stats, setup.Deck, setup.Player).RunAsync(start, cancellationToken);
        });
        return command;
    }
}
