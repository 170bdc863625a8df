using System.CommandLine;
using QuizBot.Cli;

namespace QuizBot.Tests.Cli;

/// <summary>Runs `quizbot content ...` in-process with its output and error captured.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Content(params string[] args) => ContentIn(null, args);

    /// <summary>Runs as if from <paramref name="workingDirectory"/>: the folder problem paths are printed relative to.</summary>
    public static CliRun ContentIn(string? workingDirectory, params string[] args)
    {
        var root = new RootCommand("quizbot");
        root.Subcommands.Add(ContentCommand.Create(workingDirectory));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(["content", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a whole `quizbot` command line through <see cref="CliApp"/>, as Program.cs does.</summary>
    public static async Task<CliRun> AppAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.InvokeAsync(CliApp.Create(), args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
