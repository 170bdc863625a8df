using System.CommandLine;
using QuizBot.Cli;
using QuizBot.Core.Decks;
using QuizBot.Sqlite;
using QuizBot.Terminal;
using Spectre.Console;

namespace QuizBot.Tests.Terminal;

/// <summary>
/// Runs the terminal verbs in-process against a temporary database and the real deck, with a plain-text
/// console captured in a string and input fed by the test.
/// </summary>
internal sealed class TerminalHarness : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "quizbot-terminal-" + Guid.NewGuid().ToString("N"));

    private int seed;

    public TerminalHarness(int seed = 20230509)
    {
        this.seed = seed;
        Directory.CreateDirectory(folder);
        var loaded = DeckLoader.LoadAll(ContentFolder);
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Problems));
        Deck = loaded.Decks.OrderBy(d => d.Id, StringComparer.Ordinal).First();
    }

    public static string ContentFolder => Path.Combine(AppContext.BaseDirectory, "content");

    public string DatabasePath => Path.Combine(folder, "quizbot.db");

    public Deck Deck { get; }

    public StringWriter Screen { get; private set; } = new();

    /// <summary>The terminal width citations wrap at (null: not a terminal, no wrapping).</summary>
    public int? WrapWidth { get; set; }

    /// <summary>Whether the captured console writes colour escape codes, as a colour terminal would.</summary>
    public bool Colour { get; set; }

    /// <summary>Runs one verb with <paramref name="input"/> answering its prompts; returns the exit code and stderr.</summary>
    public async Task<(int Code, string Error)> RunAsync(Func<StringWriter, ITerminalInput> input, params string[] args)
    {
        Screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Screen),
        });
        console.Profile.Width = 5000;
        var io = new TerminalIo(console, input(Screen), TimeProvider.System, new Random(seed++), WrapWidth);
        using var error = new StringWriter();
        string[] common = ["--db", DatabasePath, "--content", ContentFolder, "--user", "tester"];
        var code = await CliApp.InvokeAsync(CliApp.Create(() => io), [.. args, .. common], new InvocationConfiguration { Output = Screen, Error = error });
        return (code, error.ToString());
    }

    public SqliteStore OpenStore() => SqliteStore.Open(DatabasePath);

    public void Dispose()
    {
        Screen.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Lines given in advance.</summary>
internal sealed class ScriptedInput(params string[] lines) : ITerminalInput
{
    private readonly Queue<string> lines = new(lines);

    public string? ReadLine() => lines.TryDequeue(out var line) ? line : null;
}

/// <summary>Some lines first (e.g. the answer to "Continue it? [Y/n]"), then another input.</summary>
internal sealed class ThenInput(ITerminalInput then, params string[] first) : ITerminalInput
{
    private readonly Queue<string> first = new(first);

    public string? ReadLine() => first.TryDequeue(out var line) ? line : then.ReadLine();
}

/// <summary>Another input until it has given <paramref name="lines"/> lines, then Ctrl+C.</summary>
internal sealed class CtrlCAfter(int lines, ITerminalInput before) : ITerminalInput
{
    private int given;

    public string? ReadLine() => given++ < lines ? before.ReadLine() : throw new OperationCanceledException("Ctrl+C");
}

/// <summary>Lines chosen when the first one is read, from what is on the screen by then.</summary>
internal sealed class ScreenDependentInput(Func<string[]> choose) : ITerminalInput
{
    private Queue<string>? lines;

    public string? ReadLine()
    {
        lines ??= new Queue<string>(choose());
        return lines.TryDequeue(out var line) ? line : null;
    }
}

/// <summary>
/// A player that reads the screen like a person: finds the question shown last, then answers it right or wrong
/// by picking the numbered choice or typing. Remembers what it was asked.
/// </summary>
internal sealed class ScreenReadingPlayer(StringWriter screen, Deck deck, Func<int, bool> answerRight, int quitAfter = int.MaxValue, Func<Question, string>? typeRight = null) : ITerminalInput
{
    public List<Question> Asked { get; } = [];

    public string? ReadLine()
    {
        if (Asked.Count >= quitAfter)
        {
            return "q";
        }

        var text = screen.ToString();
        var marker = text.LastIndexOf("Question ", StringComparison.Ordinal);
        Assert.True(marker >= 0, "no question on screen");
        var section = text[marker..];
        var question = deck.Questions
            .Where(q => section.Contains(q.Prompt, StringComparison.Ordinal))
            .OrderByDescending(q => q.Prompt.Length)
            .First();
        var right = answerRight(Asked.Count);
        Asked.Add(question);

        return question.Kind switch
        {
            QuestionKind.MultipleChoice => ChoiceNumber(section, choice => (choice == question.Answer) == right),
            QuestionKind.TrueFalse => (question.Answer == "true") == right ? "1" : "2",
            _ => right ? (typeRight ?? (q => q.Answer))(question) : "zzzz not it",
        };
    }

    private static string ChoiceNumber(string section, Func<string, bool> pick)
    {
        var choices = section.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 5 && line.StartsWith("  ", StringComparison.Ordinal) && char.IsDigit(line[2]) && line[3] == '.')
            .Select(line => (Number: line[2].ToString(), Text: line[5..]))
            .ToList();
        Assert.NotEmpty(choices);
        return choices.First(c => pick(c.Text)).Number;
    }
}
