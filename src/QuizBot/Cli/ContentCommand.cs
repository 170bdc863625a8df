using System.CommandLine;
using QuizBot.Content;
using QuizBot.Core.Decks;

namespace QuizBot.Cli;

/// <summary>`quizbot content check|try|export`: for deck authors.</summary>
internal static class ContentCommand
{
    /// <param name="workingDirectory">The folder problem paths are printed relative to (default: the current one).</param>
    public static Command Create(string? workingDirectory = null)
    {
        var content = new Command("content", "Check, probe or export the decks in content/.");
        content.Subcommands.Add(CreateCheck(workingDirectory));
        content.Subcommands.Add(ContentTryCommand.Create(workingDirectory));
        content.Subcommands.Add(CreateExport(workingDirectory));
        return content;
    }

    private static Command CreateCheck(string? workingDirectory)
    {
        var deck = DeckOption();
        var contentDir = ContentOption();
        var maxAnswerUses = new Option<int>("--max-answer-uses")
        {
            Description = "Warn when one answer answers more questions of a deck than this.",
            HelpName = "N",
            DefaultValueFactory = _ => DeckCheckOptions.Default.MaxQuestionsPerAnswer,
        };
        maxAnswerUses.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-answer-uses must be 1 or more.");
            }
        });
        var check = new Command("check", "Load and validate the decks; print a summary of each, every warning and problem as file:line, then OK when there is no problem.")
        {
            deck,
            contentDir,
            maxAnswerUses,
        };
        check.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var result = Load(parse.GetValue(deck), parse.GetValue(contentDir), new DeckCheckOptions(parse.GetValue(maxAnswerUses)));
            foreach (var loaded in result.Decks)
            {
                DeckSummary.Write(loaded, output);
            }

            foreach (var warning in result.Warnings)
            {
                error.WriteLine(Located(result, warning, workingDirectory, "warning: "));
            }

            if (result.IsValid)
            {
                output.WriteLine(result.Warnings.Count switch
                {
                    0 => "OK",
                    1 => "OK, 1 warning",
                    var n => $"OK, {n} warnings",
                });
                return 0;
            }

            return ReportProblems(result, error, workingDirectory);
        });
        return check;
    }

    private static Command CreateExport(string? workingDirectory)
    {
        var deck = DeckOption();
        var contentDir = ContentOption();
        var format = new Option<string>("--format")
        {
            Description = "json (every source, fact and question) or anki (a tab-separated file of the cards).",
            HelpName = "json|anki",
            Required = true,
        };
        format.AcceptOnlyFromAmong("json", "anki");
        var export = new Command("export", "Write the decks to stdout as JSON or as an Anki import file; refuses decks with problems.")
        {
            format,
            deck,
            contentDir,
        };
        export.SetAction(parse =>
        {
            var result = Load(parse.GetValue(deck), parse.GetValue(contentDir));
            if (!result.IsValid)
            {
                return ReportProblems(result, parse.InvocationConfiguration.Error, workingDirectory);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "anki")
            {
                AnkiExport.Write(result.Decks, output);
            }
            else
            {
                DeckJsonExport.Write(result.Decks, output);
            }

            return 0;
        });
        return export;
    }

    internal static Option<DirectoryInfo?> DeckOption() => new("--deck")
    {
        Description = "One deck folder (default: every deck in the content folder).",
        HelpName = "DIR",
    };

    internal static Option<DirectoryInfo?> ContentOption() => new("--content")
    {
        Description = "The content folder (default: ./content, else content/ next to the binary).",
        HelpName = "DIR",
    };

    internal static DeckLoadResult Load(DirectoryInfo? deck, DirectoryInfo? contentDir, DeckCheckOptions? options = null) =>
        deck is not null
            ? DeckLoader.LoadDeck(deck.FullName, options)
            : DeckLoader.LoadAll(contentDir?.FullName ?? ContentFolder.Resolve(), options);

    internal static int ReportProblems(DeckLoadResult result, TextWriter error, string? workingDirectory)
    {
        foreach (var problem in result.Problems)
        {
            error.WriteLine(Located(result, problem, workingDirectory, string.Empty));
        }

        error.WriteLine(result.Problems.Count == 1 ? "1 problem" : $"{result.Problems.Count} problems");
        return 1;
    }

    /// <summary>"file:line: message", the file relative to the folder the command ran in, so an editor opens it from there.</summary>
    private static string Located(DeckLoadResult result, DeckProblem problem, string? workingDirectory, string kind)
    {
        var file = problem.File;
        if (result.Root is { } root)
        {
            var here = workingDirectory ?? Environment.CurrentDirectory;
            file = Path.GetRelativePath(here, Path.Combine(root, problem.File)).Replace('\\', '/');
        }

        return $"{file}:{problem.Line}: {kind}{problem.Message}";
    }
}
