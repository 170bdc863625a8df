using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>Where the terminal verbs read lines from; a test feeds scripted lines.</summary>
public interface ITerminalInput
{
    /// <summary>The next line typed, or null at the end of input.</summary>
    string? ReadLine();
}

/// <summary>Lines from the process's standard input.</summary>
internal sealed class ConsoleInput : ITerminalInput
{
    public string? ReadLine() => Console.ReadLine();
}

/// <summary>
/// The console, input, clock and randomness the terminal verbs use: the real ones unless a test swaps them
/// (a seeded <see cref="Random"/> makes the quizzes reproducible).
/// </summary>
internal sealed record TerminalIo(IAnsiConsole Console, ITerminalInput Input, TimeProvider Clock, Random? Random = null)
{
    public static TerminalIo System() => new(AnsiConsole.Console, new ConsoleInput(), TimeProvider.System);
}
