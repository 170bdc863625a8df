using System.CommandLine;
using QuizBot.Core.Quiz;
using QuizBot.Terminal;

namespace QuizBot.Cli;

/// <summary>What `play` and `review` share: resolve the local setup, start the quiz the verb asks for, play it.</summary>
internal static class TerminalQuiz
{
    public static async Task<int> RunAsync(
        ParseResult parse,
        LocalPlayOptions local,
        Func<TerminalIo>? io,
        Func<QuizService, LocalPlaySetup, CancellationToken, Task<QuizStartOutcome>> start,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(start);
        using var setup = local.Resolve(parse, parse.InvocationConfiguration.Error);
        if (setup is null)
        {
            return 2;
        }

        var terminal = (io ?? TerminalIo.System)();
        var quizzes = new QuizService(setup.Store.Quizzes, Core.Catalog.DeckCatalog.Of(setup.Deck), terminal.Clock, terminal.Random);
        var started = await start(quizzes, setup, cancellationToken);
        return await new QuizTerminal(terminal, quizzes, setup.Store.Stats, setup.Player).RunAsync(started, cancellationToken);
    }
}
