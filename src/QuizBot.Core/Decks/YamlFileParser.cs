using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuizBot.Core.Decks;

/// <summary>Reads one YAML file into its representation model, turning every failure into a problem.</summary>
internal static partial class YamlFileParser
{
    public static YamlNode? Parse(string path, string file, ICollection<DeckProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new DeckProblem(file, 1, $"cannot read the file: {e.Message}"));
            return null;
        }

        // The parser reports a tab where the scalar before it ends, often the line above: find it ourselves.
        if (FirstTabIndentedLine(text) is { } tabLine)
        {
            problems.Add(new DeckProblem(file, tabLine, "YAML syntax error: a tab indents this line; YAML indents with spaces only"));
            return null;
        }

        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            problems.Add(SyntaxProblem(file, text, LineOf(e.Start), WithoutPosition(e.Message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this instead of a YamlException on some malformed input, e.g. an unclosed [.
            problems.Add(SyntaxProblem(file, text, LineOf(scanner.CurrentPosition), "unclosed flow collection"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(new DeckProblem(file, 1, "the file is empty"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(new DeckProblem(file, LineOf(stream.Documents[1].RootNode.Start), "the file holds more than one YAML document; keep one"));
        }

        return stream.Documents[0].RootNode;
    }

    public static int LineOf(YamlNode node) => LineOf(node.Start);

    // Marks count lines from 1; an empty mark (0) still has to name a line a person can open.
    public static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    /// <summary>The parser's message in plain words, at the line an author has to change.</summary>
    private static DeckProblem SyntaxProblem(string file, string text, int line, string parserMessage)
    {
        // An unclosed [ or { is noticed only where the next key starts: point at the line that opened it.
        var unclosed = parserMessage is "unclosed flow collection" || parserMessage.Contains("did not find expected ','", StringComparison.Ordinal);
        if (unclosed && LastUnclosedBracketLine(text, line) is { } opened)
        {
            return new DeckProblem(file, opened.Line, $"YAML syntax error: the list or mapping opened with '{opened.Bracket}' on this line is never closed with '{(opened.Bracket == '[' ? ']' : '}')}'");
        }

        return new DeckProblem(file, line, $"YAML syntax error: {PlainWords(parserMessage)}");
    }

    private static string PlainWords(string message) => message switch
    {
        _ when message.StartsWith("Duplicate key ", StringComparison.Ordinal) => $"the key '{message["Duplicate key ".Length..].Trim()}' is given twice in one mapping; keep one",
        _ when message.Contains("did not find expected key", StringComparison.Ordinal) => "this line is not indented like the keys around it (or a value above needs quotes)",
        _ when message.Contains("did not find expected '-' indicator", StringComparison.Ordinal) => "this line is not indented like the list items around it",
        _ when message.Contains("invalid mapping", StringComparison.Ordinal) || message.Contains("Mapping values are not allowed", StringComparison.Ordinal) =>
            "a ': ' inside a value without quotes; put the whole value in quotes",
        _ when message.Contains("could not find expected ':'", StringComparison.Ordinal) => "a key without ':' after it (or a value without quotes that runs onto this line)",
        _ when message.Contains("quoted scalar", StringComparison.Ordinal) => "a quoted value is never closed: its closing quote is missing",
        _ when message.Contains("cannot start any token", StringComparison.Ordinal) => "a value cannot start with this character (@ or `); put the value in quotes",
        _ when message.Contains("anchor or alias", StringComparison.Ordinal) => "a value starting with * or & reads as a YAML alias; put the value in quotes",
        _ when message.Contains("unclosed flow collection", StringComparison.Ordinal) => "a '[' or '{' is never closed",
        _ => $"the file cannot be read from here ({message.TrimEnd('.')})",
    };

    /// <summary>The first line whose indentation holds a tab, or null.</summary>
    private static int? FirstTabIndentedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].AsSpan()[..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indent.Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The last line at or before <paramref name="line"/> that opens more [ (or {) than it closes, outside quotes.</summary>
    private static (int Line, char Bracket)? LastUnclosedBracketLine(string text, int line)
    {
        var lines = text.Split('\n');
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            int squares = 0, braces = 0;
            var quote = '\0';
            var previous = ' ';
            foreach (var c in lines[i])
            {
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'' && previous is ' ' or '[' or '{' or ',' or ':')
                {
                    // A quote opens a value only where a value starts; "Russia's" is an apostrophe.
                    quote = c;
                }
                else
                {
                    squares += c == '[' ? 1 : c == ']' ? -1 : 0;
                    braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                }

                previous = c;
            }

            if (squares > 0 || braces > 0)
            {
                return (i + 1, squares > 0 ? '[' : '{');
            }
        }

        return null;
    }

    // The parser's message repeats the position we already report as file:line.
    private static string WithoutPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
