using QuizBot.Core.Decks;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>Prints citation lines exactly as the bot shows them, each followed by its link.</summary>
internal static class RevealWriter
{
    public static void WriteCitations(IAnsiConsole console, IReadOnlyList<Citation> citations)
    {
        // Straight to the output writer: Spectre would wrap long lines, and a citation or a link must stay whole.
        var writer = console.Profile.Out.Writer;
        foreach (var citation in citations)
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
