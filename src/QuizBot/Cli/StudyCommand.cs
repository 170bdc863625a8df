using System.CommandLine;
using QuizBot.Core.Study;
using QuizBot.Terminal;
using Spectre.Console;

namespace QuizBot.Cli;

/// <summary>`quizbot study [--topic T] [--user NAME] [--new-per-day N]`: FSRS-6 flashcards in the terminal.</summary>
internal static class StudyCommand
{
    public static Command Create(Func<TerminalIo>? io = null)
    {
        var local = new LocalPlayOptions();
        var topic = new Option<string?>("--topic") { Description = "Only cards on this topic (default: all)." };
        var newPerDay = new Option<int?>("--new-per-day") { Description = $"New cards a day (default {StudyScheduler.DefaultNewCardsPerDay})." };
        var command = new Command("study", "Study flashcards with spaced repetition (FSRS-6), on the same database as the bot.") { topic, newPerDay };
        local.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var limit = parse.GetValue(newPerDay) ?? StudyScheduler.DefaultNewCardsPerDay;
            if (limit is < 0 or > 1000)
            {
                parse.InvocationConfiguration.Error.WriteLine("--new-per-day must be between 0 and 1000.");
                return 2;
            }

            using var setup = local.Resolve(parse, parse.InvocationConfiguration.Error);
            if (setup is null)
            {
                return 2;
            }

            var terminal = (io ?? TerminalIo.System)();
            if (TerminalQuiz.UnknownTopic(setup.Deck, parse.GetValue(topic)) is { } problem)
            {
                terminal.Console.WriteLine(problem);
                return 2;
            }

            var study = new StudyService(setup.Store.Study, Core.Catalog.DeckCatalog.Of(setup.Deck), terminal.Clock, new StudyOptions { NewCardsPerDay = limit });
            return await new StudyTerminal(terminal, study, setup.Player).RunAsync(parse.GetValue(topic), cancellationToken);
        });
        return command;
    }
}
