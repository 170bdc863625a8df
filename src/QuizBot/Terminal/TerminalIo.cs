using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>Where the terminal verbs read lines from; a test feeds scripted lines.</summary>
public interface ITerminalInput
{
    /// <summary>
    /// The next line typed, or null at the end of input. Throws <see cref="OperationCanceledException"/> when the
    /// player presses Ctrl+C: the game stops there, with everything answered so far already saved.
    /// </summary>
    string? ReadLine();
}

/// <summary>
/// Lines from the process's standard input. Ctrl+C does not kill the process: it ends the line being read with
/// <see cref="OperationCanceledException"/>, so the game can say how to continue. (A write to the database in
/// progress finishes first: Ctrl+C is only seen at the next prompt.)
/// </summary>
internal sealed class ConsoleInput : ITerminalInput
{
    private readonly TaskCompletionSource interrupted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<string?>? pending;

    public ConsoleInput()
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.TrySetResult();
        };
    }

    public string? ReadLine()
    {
        // Console.ReadLine cannot be cancelled, so it runs aside while Ctrl+C is watched; a line read after Ctrl+C is unused.
        pending ??= Task.Run(Console.ReadLine);
        if (Task.WaitAny(pending, interrupted.Task) == 1)
        {
            throw new OperationCanceledException("Interrupted with Ctrl+C.");
        }

        var line = pending.Result;
        pending = null;
        return line;
    }
}

/// <summary>
/// The console, input, clock and randomness the terminal verbs use: the real ones unless a test swaps them
/// (a seeded <see cref="Random"/> makes the quizzes reproducible). <see cref="WrapWidth"/> is the terminal's width
/// for citation lines, or null when the output is not a terminal (then nothing is wrapped).
/// </summary>
internal sealed record TerminalIo(IAnsiConsole Console, ITerminalInput Input, TimeProvider Clock, Random? Random = null, int? WrapWidth = null)
{
    public static TerminalIo System()
    {
        var redirected = global::System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(ConsoleSettings(redirected, Environment.GetEnvironmentVariable("NO_COLOR"), new AnsiConsoleOutput(global::System.Console.Out)));
        if (redirected)
        {
            // A file or a pipe has no width: lines stay whole.
            console.Profile.Width = 10_000;
        }

        return new(console, new ConsoleInput(), TimeProvider.System, WrapWidth: redirected ? null : console.Profile.Width);
    }

    /// <summary>
    /// Colour and escape codes only on a terminal, and never when NO_COLOR is set to anything non-empty
    /// (https://no-color.org): a file or a pipe gets plain text.
    /// </summary>
    public static AnsiConsoleSettings ConsoleSettings(bool outputRedirected, string? noColor, IAnsiConsoleOutput output)
    {
        var plain = outputRedirected || !string.IsNullOrEmpty(noColor);
        return new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = outputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = output,
        };
    }
}
