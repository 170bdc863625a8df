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
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal($"{deck.Id}: {deck.Title}", run.OutputLines[0]);
        Assert.Equal($"  facts: {deck.Facts.Count}", run.OutputLines[1]);
        Assert.Matches(QuestionsLine(), run.OutputLines[2]);
        Assert.StartsWith($"  questions: {deck.Questions.Count()} (", run.OutputLines[2], StringComparison.Ordinal);
        Assert.Equal($"  cards: {deck.Facts.Count}", run.OutputLines[3]);
        Assert.StartsWith($"  topics: {deck.Topics.Count} ({deck.Topics[0]} ", run.OutputLines[4], StringComparison.Ordinal);
        Assert.Matches(FootnotesLine(), run.OutputLines[5]);
        Assert.Equal("OK", run.OutputLines[^1]);
    }

    [Fact]
    public void Check_of_one_deck_folder_passes()
    {
        var run = CliRun.Content("check", "--deck", RepositoryPaths.FirstDeck);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("OK", run.OutputLines[^1]);
    }

    [Fact]
    public void Check_fails_on_a_changed_quote_and_an_unknown_footnote_naming_file_and_line_of_each()
    {
        using var copy = new DeckCopy();
        var quoteLine = copy.EditFirstLine(FactFile, "  quote: ", ChangeOneWord);
        var citesLine = copy.EditFirstLine(FactFile, "  cites: [", line => line.Replace("cites: [", "cites: [99, ", StringComparison.Ordinal));

        var run = CliRun.Content("check", "--content", copy.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("OK", run.OutputLines);
        Assert.Equal("csto-central-asia: Russia and Central Asia — security ties", run.OutputLines[0]);
        var errors = run.ErrorLines;
        Assert.Equal(3, errors.Length);
        Assert.StartsWith($"csto-central-asia/{FactFile}:{quoteLine}: quote not found in article.txt: ", errors[0], StringComparison.Ordinal);
        Assert.Equal($"csto-central-asia/{FactFile}:{citesLine}: cites footnote [99], which deck.yaml does not define", errors[1]);
        Assert.Equal("2 problems", errors[2]);
    }

    [Fact]
    public void Check_reports_a_deck_folder_that_does_not_exist()
    {
        using var copy = new DeckCopy();

        var run = CliRun.Content("check", "--deck", Path.Combine(copy.Root, "no-such-deck"));

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
