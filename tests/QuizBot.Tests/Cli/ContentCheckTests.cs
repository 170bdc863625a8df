using System.Text.RegularExpressions;
using QuizBot.Core.Decks;

namespace QuizBot.Tests.Cli;

public sealed partial class ContentCheckTests
{
    private const string FactFile = "facts/06-joint-base.yaml";

    [Fact]
    public void Check_passes_on_the_real_content_and_prints_a_summary()
    {
        var deck = Assert.Single(DeckLoader.LoadAll(RepositoryPaths.Content).Decks);

        var run = CliRun.Content("check", "--content", RepositoryPaths.Content);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.ErrorLines, line => Assert.Contains(": warning: ", line, StringComparison.Ordinal));
        Assert.Equal($"{deck.Id}: {deck.Title}", run.OutputLines[0]);
        Assert.Equal($"  facts: {deck.Facts.Count}", run.OutputLines[1]);
        Assert.Matches(QuestionsLine(), run.OutputLines[2]);
        Assert.StartsWith($"  questions: {deck.Questions.Count()} (", run.OutputLines[2], StringComparison.Ordinal);
        Assert.Equal($"  cards: {deck.Facts.Count}", run.OutputLines[3]);
        Assert.StartsWith($"  topics: {deck.Topics.Count} ({deck.Topics[0]} ", run.OutputLines[4], StringComparison.Ordinal);
        Assert.Matches(FootnotesLine(), run.OutputLines[5]);
        Assert.StartsWith("OK", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_one_deck_folder_passes()
    {
        var run = CliRun.Content("check", "--deck", RepositoryPaths.FirstDeck);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("OK", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_fails_on_a_changed_quote_and_an_unknown_footnote_naming_file_and_line_of_each()
    {
        using var copy = new DeckCopy();
        var quoteLine = copy.EditFirstLine(FactFile, "  quote: ", ChangeOneWord);
        var citesLine = copy.EditFirstLine(FactFile, "  cites: [", line => line.Replace("cites: [", "cites: [99, ", StringComparison.Ordinal));

        var run = CliRun.ContentIn(copy.Root, "check", "--content", copy.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(run.OutputLines, line => line.StartsWith("OK", StringComparison.Ordinal));
        Assert.Equal("csto-central-asia: Russia and Central Asia — security ties", run.OutputLines[0]);
        var errors = run.ErrorLines.Where(line => !line.Contains(": warning: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.StartsWith($"csto-central-asia/{FactFile}:{quoteLine}: quote not found in article.txt: ", errors[0], StringComparison.Ordinal);
        Assert.Equal($"csto-central-asia/{FactFile}:{citesLine}: cites footnote [99], which deck.yaml does not define", errors[1]);
        Assert.Equal("2 problems", errors[2]);
    }

    [Fact]
    public void Check_fails_on_cites_that_do_not_match_the_articles_marker()
    {
        // The February 2023 exercise sentence carries the article's marker [7].
        using var copy = new DeckCopy();
        const string exercises = "facts/10-exercises.yaml";
        var line = copy.EditFirstLine(exercises, "  cites: [7]", l => l.Replace("[7]", "[3]", StringComparison.Ordinal));

        var run = CliRun.ContentIn(copy.Root, "check", "--content", copy.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"csto-central-asia/{exercises}:{line}: cites footnote [3], but the article marks this quote with [7]", "1 problem"],
            run.ErrorLines.Where(l => !l.Contains(": warning: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Paths_are_printed_relative_to_the_folder_the_command_runs_in()
    {
        using var copy = new DeckCopy();
        var line = copy.EditFirstLine(FactFile, "  cites: [", l => l.Replace("cites: [", "cites: [99, ", StringComparison.Ordinal));
        var message = $"{line}: cites footnote [99], which deck.yaml does not define";

        // From the folder above the content folder, as `quizbot content check --deck content/csto-central-asia` runs.
        var above = Path.GetDirectoryName(copy.Root)!;
        var fromAbove = CliRun.ContentIn(above, "check", "--deck", copy.Dir);
        var fromDeck = CliRun.ContentIn(copy.Dir, "check", "--deck", copy.Dir);
        var fromFacts = CliRun.ContentIn(Path.Combine(copy.Dir, "facts"), "check", "--deck", copy.Dir);

        Assert.Contains($"{Path.GetFileName(copy.Root)}/csto-central-asia/{FactFile}:{message}", fromAbove.ErrorLines);
        Assert.Contains($"{FactFile}:{message}", fromDeck.ErrorLines);
        Assert.Contains($"{Path.GetFileName(FactFile)}:{message}", fromFacts.ErrorLines);
    }

    [Fact]
    public void Warnings_are_printed_with_their_place_and_do_not_fail_the_check()
    {
        // Give the first multiple-choice question of the file away: its answer goes into its prompt.
        using var copy = new DeckCopy();
        var lines = File.ReadAllLines(Path.Combine(copy.Dir, FactFile));
        var kind = Array.FindIndex(lines, l => l.Trim() == "- kind: multiple-choice");
        var answer = lines.Skip(kind).First(l => l.StartsWith("      answer: ", StringComparison.Ordinal))["      answer: ".Length..].Trim('"');
        var line = kind + 2;
        Assert.StartsWith("      prompt: ", lines[line - 1], StringComparison.Ordinal);
        lines[line - 1] += $" ({answer}?)";
        File.WriteAllLines(Path.Combine(copy.Dir, FactFile), lines);

        var run = CliRun.ContentIn(copy.Root, "check", "--content", copy.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"csto-central-asia/{FactFile}:{line}: warning: the answer '{answer}' appears in its own prompt", run.ErrorLines);
        Assert.Equal(run.ErrorLines.Length == 1 ? "OK, 1 warning" : $"OK, {run.ErrorLines.Length} warnings", run.OutputLines[^1]);
    }

    [Fact]
    public void The_answer_use_limit_is_an_option()
    {
        var strict = CliRun.Content("check", "--deck", RepositoryPaths.FirstDeck, "--max-answer-uses", "1");
        var loose = CliRun.Content("check", "--deck", RepositoryPaths.FirstDeck, "--max-answer-uses", "1000");
        var invalid = CliRun.Content("check", "--deck", RepositoryPaths.FirstDeck, "--max-answer-uses", "0");

        Assert.Contains(strict.ErrorLines, l => l.Contains("questions of this deck (more than 1), a safe guess", StringComparison.Ordinal));
        Assert.DoesNotContain(loose.ErrorLines, l => l.Contains("a safe guess", StringComparison.Ordinal));
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("--max-answer-uses must be 1 or more.", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_a_deck_folder_that_does_not_exist()
    {
        using var copy = new DeckCopy();

        var run = CliRun.ContentIn(copy.Root, "check", "--deck", Path.Combine(copy.Root, "no-such-deck"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["no-such-deck/deck.yaml:0: deck.yaml not found: a deck folder needs one", "1 problem"], run.ErrorLines);
    }

    [Fact]
    public void The_content_folder_is_the_local_one_when_it_exists_else_the_one_beside_the_binary()
    {
        using var copy = new DeckCopy();
        var elsewhere = Path.Combine(copy.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);

        Assert.Equal(Path.Combine(elsewhere, "content"), ContentFolder.Resolve(copy.Root, elsewhere));
        Directory.CreateDirectory(Path.Combine(copy.Root, "content"));
        Assert.Equal(Path.Combine(copy.Root, "content"), ContentFolder.Resolve(copy.Root, elsewhere));
        Assert.Equal(Path.Combine(elsewhere, "content"), ContentFolder.Resolve(elsewhere, elsewhere));
    }

    [Fact]
    public void The_build_copies_the_decks_beside_the_binary()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "content", "csto-central-asia");

        Assert.True(File.Exists(Path.Combine(shipped, "deck.yaml")));
        Assert.True(DeckLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "content")).IsValid);
    }

    /// <summary>Replaces the quote's first word of five or more letters, so the quote no longer matches the article.</summary>
    private static string ChangeOneWord(string line) => LongWord().Replace(line, "Zyzzyva", 1, "  quote: ".Length);

    [GeneratedRegex(@"\b[A-Za-z]{5,}\b")]
    private static partial Regex LongWord();

    [GeneratedRegex(@"^  questions: \d+ \(multiple-choice [1-9]\d*, true-false [1-9]\d*, typed [1-9]\d*, fill-blank [1-9]\d*\)$")]
    private static partial Regex QuestionsLine();

    [GeneratedRegex(@"^  facts citing: \[1\] \d+, \[2\] \d+, \[3\] \d+, \[4\] \d+, \[5\] \d+, \[6\] \d+, \[7\] \d+, article itself \d+$")]
    private static partial Regex FootnotesLine();
}
