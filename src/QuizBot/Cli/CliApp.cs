using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using QuizBot.Hosting;
using QuizBot.Terminal;

namespace QuizBot.Cli;

/// <summary>
/// The `quizbot` command line: every verb, strict options (an unknown option or verb is exit 2 with a "did you
/// mean"), `--Section:Key=value` settings after any verb, and help that lists the settings.
/// </summary>
internal static class CliApp
{
    public const string Description = "QuizBot: a Discord study bot that teaches a curated, cited fact bank.";

    /// <param name="terminal">The terminal the game verbs use; tests pass a captured one.</param>
    public static RootCommand Create(Func<TerminalIo>? terminal = null)
    {
        var root = new RootCommand(Description);
        root.SetAction(RunCommand.RunAsync);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RegisterCommandsCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(MigrateStoreCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(ContentCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(PlayCommand.Create(terminal));
        root.Subcommands.Add(ReviewCommand.Create(terminal));
        root.Subcommands.Add(StudyCommand.Create(terminal));
        root.Subcommands.Add(StatsCommand.Create(terminal));
        root.Subcommands.Add(CreateHelp(root));

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithSettings((HelpAction)help.Action!);
        return root;
    }

    /// <summary>Parses and runs one command line; the exit code.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(configuration);
        var extracted = CommandLineSettings.Extract(args);
        if (extracted.Error is { } settingProblem)
        {
            await configuration.Error.WriteLineAsync(settingProblem);
            return ExitCodes.Usage;
        }

        var parse = root.Parse([.. extracted.Arguments]);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction and not HelpWithSettings)
        {
            await configuration.Error.WriteLineAsync(Describe(parse, root));
            return ExitCodes.Usage;
        }

        CliConfiguration.CommandLineSettings = extracted.Settings;
        return await parse.InvokeAsync(configuration);
    }

    /// <summary>The one line for a command line that does not parse, naming the command and the nearest match.</summary>
    internal static string Describe(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var name = Path(root, command);
        if (parse.UnmatchedTokens.FirstOrDefault() is { } stray)
        {
            if (stray.StartsWith('-'))
            {
                var options = OptionNames(root, command);
                var hint = Suggestions.DidYouMean(stray, options);
                return $"Unknown option '{stray}' for `{name}`{(hint.Length == 0 ? "." : hint)} Run `{name} --help` to list its options.";
            }

            var verbs = command.Subcommands.Select(c => c.Name).ToList();
            if (verbs.Count > 0)
            {
                var hint = Suggestions.DidYouMean(stray, verbs);
                return $"Unknown command '{stray}'{(hint.Length == 0 ? "." : hint)} Run `{name} --help` to list the commands; settings are given as --Section:Key=value.";
            }

            return $"Unexpected argument '{stray}' for `{name}`. Run `{name} --help` to see what it takes.";
        }

        return $"{parse.Errors[0].Message} Run `{name} --help` to see what `{name}` takes.";
    }

    private static IEnumerable<string> OptionNames(RootCommand root, Command command) =>
        command.Options.Concat(root.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal));

    /// <summary>How the user types <paramref name="command"/>: e.g. `quizbot content check`.</summary>
    private static string Path(RootCommand root, Command command)
    {
        var names = new List<string>();
        if (!Find(root, command, names))
        {
            names.Clear();
        }

        return string.Join(' ', names.Prepend(CommandName.Current));
    }

    private static bool Find(Command at, Command target, List<string> names)
    {
        if (at == target)
        {
            return true;
        }

        foreach (var sub in at.Subcommands)
        {
            names.Add(sub.Name);
            if (Find(sub, target, names))
            {
                return true;
            }

            names.RemoveAt(names.Count - 1);
        }

        return false;
    }

    private static Command CreateHelp(RootCommand root)
    {
        var verb = new Argument<string?>("command") { Description = "A command to explain (default: all of them).", Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "List the commands and the settings (with their environment variables).") { verb };
        help.SetAction(parse =>
        {
            var about = parse.GetValue(verb);
            return root.Parse(about is null ? ["--help"] : [about, "--help"]).Invoke(parse.InvocationConfiguration);
        });
        return help;
    }

    /// <summary>The standard help, followed by the settings for the commands that run the bot (no verb, run, help).</summary>
    private sealed class HelpWithSettings(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            standard.Invoke(parseResult);
            var command = parseResult.CommandResult.Command;
            if (command is RootCommand || command.Name == "run")
            {
                SettingsCatalog.WriteHelp(parseResult.InvocationConfiguration.Output);
                parseResult.InvocationConfiguration.Output.WriteLine();
                parseResult.InvocationConfiguration.Output.WriteLine($"Run it as `{CommandName.Current} <command>`; exit codes: 0 ok, 1 check failed, 2 usage or setting error, 3 Discord refused the bot, 130 stopped with Ctrl+C.");
            }

            return ExitCodes.Ok;
        }
    }
}
