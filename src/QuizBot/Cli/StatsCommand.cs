using System.CommandLine;
using QuizBot.Pictures;
using QuizBot.Terminal;
using QuizBot.Views;
using Spectre.Console;

namespace QuizBot.Cli;

/// <summary>`quizbot stats [--user NAME] [--png FILE]`: your progress as terminal charts, optionally also as the bot's card.</summary>
internal static class StatsCommand
{
    public static Command Create(Func<TerminalIo>? io = null)
    {
        var local = new LocalPlayOptions();
        var png = new Option<FileInfo?>("--png") { Description = "Also write the progress card the bot attaches to /stats to this PNG file." };
        var command = new Command("stats", "Show your progress: points, accuracy per topic, the last 30 days and the cards due.") { png };
        local.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var setup = local.Resolve(parse, parse.InvocationConfiguration.Error);
            if (setup is null)
            {
                return 2;
            }

            var terminal = (io ?? TerminalIo.System)();
            var now = terminal.Clock.GetUtcNow();
            var stats = await setup.Store.Stats.GetStatsAsync(setup.Player, now, cancellationToken);
            var progress = await setup.Store.Progress.GetProgressAsync(setup.Player, now, cancellationToken: cancellationToken);
            var card = StatsPictureView.Card(stats, progress, setup.Deck.Facts.Count);
            StatsTerminal.Write(terminal.Console, card);

            if (parse.GetValue(png) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, new StatsCardRenderer().Render(card).Png, cancellationToken);
                terminal.Console.WriteLine($"Progress card written to {file.FullName}");
            }

            return 0;
        });
        return command;
    }
}
