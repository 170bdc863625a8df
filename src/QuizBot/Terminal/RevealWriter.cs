using QuizBot.Core.Decks;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>Prints a fact's citation lines exactly as the bot shows them, each followed by its link.</summary>
internal static class RevealWriter
{
    public static void WriteCitations(IAnsiConsole console, CitationFormatter citations, Fact fact)
    {
        // Straight to the output writer: Spectre would wrap long lines, and a citation or a link must stay whole.
        var writer = console.Profile.Out.Writer;
        foreach (var citation in citations.Cite(fact))
        {
            writer.WriteLine(citation.Text);
            if (citation.Url is { } url)
            {
                writer.WriteLine("  " + url);
            }
        }

        writer.Flush();
    }
}
