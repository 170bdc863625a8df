using System.Text;
using QuizBot.Core.Decks;

namespace QuizBot.Content;

/// <summary>
/// Writes every card as one line of an Anki import file: front, back (with its citation) and tags, separated
/// by tabs. Fields are HTML (Anki's <c>#html:true</c>), so newlines become &lt;br&gt; and special characters entities.
/// </summary>
internal static class AnkiExport
{
    public static void Write(IEnumerable<Deck> decks, TextWriter output)
    {
        output.Write("#separator:tab\n#html:true\n#tags column:3\n");
        foreach (var deck in decks)
        {
            var citations = new CitationFormatter(deck);
            foreach (var fact in deck.Facts)
            {
                var back = new StringBuilder(Html(fact.Card.Back)).Append("<br><br>");
                back.AppendJoin("<br>", citations.Cite(fact).Select(Html));
                var tags = fact.Topics.Select(topic => Html(string.Join('_', topic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
                output.Write($"{Html(fact.Card.Front)}\t{back}\t{string.Join(' ', tags)}\n");
            }
        }
    }

    private static string Html(Citation citation) =>
        citation.Url is null ? Html(citation.Text) : $"{Html(citation.Text)} <a href=\"{Html(citation.Url)}\">{Html(citation.Url)}</a>";

    /// <summary>Escapes a field so it stays one HTML field on one line: no raw tab, newline, quote or markup.</summary>
    public static string Html(string text)
    {
        var html = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\t': html.Append("&#9;"); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\r' or '\n': html.Append("<br>"); break;
                default: html.Append(text[i]); break;
            }
        }

        return html.ToString();
    }
}
