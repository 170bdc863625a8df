using System.CommandLine;
using System.Text.RegularExpressions;
using QuizBot.Cli;
using QuizBot.Core.Decks;

namespace QuizBot.Tests.Cli;

/// <summary>The README's authoring section is true: its minimal deck passes the check as printed, its option table matches the verbs.</summary>
public sealed partial class ReadmeDeckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quizbot-readme-tests", Guid.NewGuid().ToString("N"));

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void The_minimal_deck_in_the_readme_passes_content_check_as_printed()
    {
        var files = ReadmeFiles();
        Assert.Equal(["my-deck/article.txt", "my-deck/deck.yaml", "my-deck/facts/01-brenmoor.yaml"], files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(_root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        var result = DeckLoader.LoadAll(_root);
        var run = CliRun.ContentIn(_root, "check", "--content", _root);

        Assert.Equal([], result.Problems);
        Assert.Equal([], result.Warnings);
        var deck = Assert.Single(result.Decks);
        Assert.Equal(2, deck.Facts.Count);
        Assert.Equal(1, Assert.Single(deck.Sources).Footnote);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("OK", run.OutputLines[^1]);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void The_readmes_content_try_example_works_on_that_deck()
    {
        foreach (var (name, text) in ReadmeFiles())
        {
            var path = Path.Combine(_root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        var example = TryExample().Match(Readme);
        Assert.True(example.Success, "no `content try` example in README.md");

        var run = CliRun.Content("try", example.Groups["id"].Value, example.Groups["answer"].Value, "--content", _root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("right: rule: leading preposition", run.OutputLines[^1]);
    }

    [Fact]
    public void The_terminal_options_table_lists_exactly_what_each_verb_accepts()
    {
        var table = OptionsTable();
        var verbs = new Dictionary<string, Command>
        {
            ["play"] = PlayCommand.Create(),
            ["study"] = StudyCommand.Create(),
            ["review"] = ReviewCommand.Create(),
        };

        foreach (var (verb, command) in verbs)
        {
            var accepted = command.Options.Select(o => o.Name).Order(StringComparer.Ordinal);
            var documented = table.Where(row => row.Verbs.Contains(verb)).Select(row => row.Option).Order(StringComparer.Ordinal);
            Assert.Equal(accepted, documented);
        }
    }

    /// <summary>Each file shown as a bold `my-deck/...` caption followed by a fenced block.</summary>
    private static Dictionary<string, string> ReadmeFiles() =>
        ReadmeFile().Matches(Readme.ReplaceLineEndings("\n")).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["text"].Value, StringComparer.Ordinal);

    private static List<(string Option, HashSet<string> Verbs)> OptionsTable()
    {
        var readme = Readme.ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("### Options of `play`, `study` and `review`", StringComparison.Ordinal)..];
        var lines = section.Split('\n').SkipWhile(l => !l.StartsWith("| option |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        var header = lines[0].Split('|').Select(c => c.Trim().Trim('`')).ToList();
        return lines.Skip(2)
            .Select(line => line.Split('|').Select(c => c.Trim()).ToList())
            .Select(cells => (
                Option: cells[1].Trim('`').Split(' ')[0],
                Verbs: header.Select((verb, i) => (verb, i)).Where(c => c.verb is "play" or "study" or "review" && cells[c.i] == "✓").Select(c => c.verb).ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    [GeneratedRegex(@"^\*\*`(?<name>my-deck/[^`]+)`\*\*\n\n```[a-z]*\n(?<text>.*?)```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ReadmeFile();

    [GeneratedRegex(@"content try (?<id>[a-z0-9-]+) ""(?<answer>[^""]+)""")]
    private static partial Regex TryExample();
}
