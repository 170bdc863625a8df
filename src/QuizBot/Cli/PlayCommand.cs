using System.CommandLine;
using QuizBot.Core.Quiz;
using QuizBot.Terminal;

namespace QuizBot.Cli;

/// <summary>`quizbot play [--topic T] [--length N] [--user NAME] [--resume]`: a quiz in the terminal.</summary>
internal static class PlayCommand
{
    public static Command Create(Func<TerminalIo>? io = null)
    {
        var local = new LocalPlayOptions();
        var topic = new Option<string?>("--topic") { Description = "Only questions on this topic (default: all)." };
        var length = new Option<int?>("--length") { Description = $"Number of questions, {QuizEngine.MinLength}-{QuizEngine.MaxLength} (default {QuizEngine.DefaultLength})." };
        var resume = new Option<bool>("--resume") { Description = "Continue your unfinished quiz without asking (play offers it anyway)." };
        var command = new Command("play", "Play a quiz in the terminal, on the same engine and database as the bot.") { topic, length, resume };
        local.AddTo(command);
        command.SetAction((parse, cancellationToken) => TerminalQuiz.RunAsync(
            parse,
            local,
            io,
            parse.GetValue(resume),
            parse.GetValue(topic),
            (quizzes, setup, continuing, token) => quizzes.StartAsync(setup.Player, parse.GetValue(topic), parse.GetValue(length), continuing, token),
            cancellationToken));
        return command;
    }
}
