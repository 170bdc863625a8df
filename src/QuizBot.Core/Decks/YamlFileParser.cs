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

        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            problems.Add(new DeckProblem(file, LineOf(e.Start), $"YAML syntax error: {WithoutPosition(e.Message)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this instead of a YamlException on some malformed input, e.g. an unclosed [.
            problems.Add(new DeckProblem(file, LineOf(scanner.CurrentPosition), "YAML syntax error: the parser could not read on from here (an unclosed [, { or quote?)"));
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

    // The parser's message repeats the position we already report as file:line.
    private static string WithoutPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
