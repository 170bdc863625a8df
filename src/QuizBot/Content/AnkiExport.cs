using System.Security.Cryptography;
using System.Text;
using QuizBot.Core.Decks;

namespace QuizBot.Content;

/// <summary>
/// Writes every card as a note of Anki's "Basic" type in a text file Anki's importer reads without questions
/// (File &gt; Import): the file headers name the separator, HTML, note type and columns; each line carries a GUID,
/// the deck, front, back (with its citation) and tags. The GUID comes from the deck and fact ids, so importing
/// again after an edit updates the note instead of adding a second one.
/// </summary>
internal static class AnkiExport
{
    public const string NoteType = "Basic";

    /// <summary>The columns, in order; their numbers are what the headers point at (1-based).</summary>
    public static readonly IReadOnlyList<string> Columns = ["GUID", "Deck", "Front", "Back", "Tags"];

    public static void Write(IEnumerable<Deck> decks, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(decks);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("#separator:tab\n");
        output.Write("#html:true\n");
        output.Write($"#notetype:{NoteType}\n");
        output.Write($"#guid column:{Column("GUID")}\n");
        output.Write($"#deck column:{Column("Deck")}\n");
        output.Write($"#tags column:{Column("Tags")}\n");
        output.Write($"#columns:{string.Join('\t', Columns)}\n");
        foreach (var deck in decks)
        {
            var citations = new CitationFormatter(deck);
            foreach (var fact in deck.Facts)
            {
                var back = new StringBuilder(Html(fact.Card.Back)).Append("<br><br>");
                back.AppendJoin("<br>", citations.Cite(fact).Select(Html));
                var tags = fact.Topics.Select(Tag);
                output.Write($"{Guid(deck.Id, fact.Id)}\t{Field(deck.Title)}\t{Html(fact.Card.Front)}\t{back}\t{string.Join(' ', tags)}\n");
            }
        }
    }

    /// <summary>
    /// The note's GUID: the first 12 bytes of SHA-256 over "quizbot", the deck id and the fact id, in URL-safe
    /// base64 (16 characters, no separator, no HTML). Same deck and fact, same note, whatever the text says.
    /// </summary>
    public static string Guid(string deckId, string factId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"quizbot\n{deckId}\n{factId}"));
        return Convert.ToBase64String(hash, 0, 12).Replace('+', '-').Replace('/', '_');
    }

    private static int Column(string name) => Columns.ToList().IndexOf(name) + 1;

    /// <summary>A tag is one word to Anki: spaces become underscores.</summary>
    private static string Tag(string topic) => Field(string.Join('_', topic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>Deck names and tags are plain text in the file: no tab or line break may split them.</summary>
    private static string Field(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    private static string Html(Citation citation) =>
        citation.Url is null ? Html(citation.Text) : $"{Html(citation.Text)} <a href=\"{Html(citation.Url)}\">{Html(citation.Url)}</a>";

    /// <summary>Escapes a field so it stays one HTML field on one line: no raw tab, newline, quote or markup.</summary>
    public static string Html(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
