using System.Text;
using QuizBot.Core.Decks;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>
/// Prints citation lines as the bot shows them, each followed by its link. On a terminal a long line wraps at
/// the terminal's width between words, its continuation indented under it; a link is one word and is never split.
/// </summary>
internal static class RevealWriter
{
    private const string Indent = "  ";

    public static void WriteCitations(IAnsiConsole console, IReadOnlyList<Citation> citations, int? width)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(citations);

        // Straight to the output writer: Spectre's own wrapping may split a word or a link.
        var writer = console.Profile.Out.Writer;
        foreach (var citation in citations)
        {
            foreach (var line in Wrap(citation.Text, width))
            {
                writer.WriteLine(line);
            }

            if (citation.Url is { } url)
            {
                writer.WriteLine(Indent + url);
            }
        }

        writer.Flush();
    }

    /// <summary>The text in lines of at most <paramref name="width"/> characters, split only between words; later lines indented.</summary>
    public static IReadOnlyList<string> Wrap(string text, int? width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width is not { } max || text.Length <= max)
        {
            return [text];
        }

        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > max)
            {
                lines.Add(line.ToString());
                line.Clear().Append(Indent);
            }

            if (line.Length > 0 && line.ToString() != Indent)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
