using System.CommandLine;
using QuizBot.Content;
using QuizBot.Core.Decks;

namespace QuizBot.Cli;

/// <summary>`quizbot content check|export`: for deck authors.</summary>
internal static class ContentCommand
{
    public static Command Create()
    {
        var content = new Command("content", "Check or export the decks in content/.");
        content.Subcommands.Add(CreateCheck());
        content.Subcommands.Add(CreateExport());
        return content;
    }

    private static Command CreateCheck()
    {
        var deck = DeckOption();
        var contentDir = ContentOption();
        var check = new Command("check", "Load and validate the decks; print a summary of each, then OK or every problem as file:line: message.")
        {
            deck,
            contentDir,
        };
        check.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = Load(parse.GetValue(deck), parse.GetValue(contentDir));
            foreach (var loaded in result.Decks)
            {
                DeckSummary.Write(loaded, output);
            }

            if (result.IsValid)
            {
                output.WriteLine("OK");
                return 0;
            }

            return ReportProblems(result, parse.InvocationConfiguration.Error);
        });
        return check;
    }

    private static Command CreateExport()
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
                return ReportProblems(result, parse.InvocationConfiguration.Error);
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

    private static Option<DirectoryInfo?> DeckOption() => new("--deck")
    {
        Description = "One deck folder (default: every deck in the content folder).",
        HelpName = "DIR",
    };

    private static Option<DirectoryInfo?> ContentOption() => new("--content")
    {
        Description = "The content folder (default: ./content, else content/ next to the binary).",
        HelpName = "DIR",
    };

    private static DeckLoadResult Load(DirectoryInfo? deck, DirectoryInfo? contentDir) =>
        deck is not null
            ? DeckLoader.LoadDeck(deck.FullName)
            : DeckLoader.LoadAll(contentDir?.FullName ?? ContentFolder.Resolve());

    private static int ReportProblems(DeckLoadResult result, TextWriter error)
    {
        foreach (var problem in result.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        error.WriteLine(result.Problems.Count == 1 ? "1 problem" : $"{result.Problems.Count} problems");
        return 1;
    }
}
