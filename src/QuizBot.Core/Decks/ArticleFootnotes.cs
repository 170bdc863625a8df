using System.Text.RegularExpressions;

namespace QuizBot.Core.Decks;

/// <summary>
/// Where the article puts its footnote markers, so a fact's <c>cites</c> can be checked against its quote.
/// The article's format: one paragraph per line, markers written <c>[n]</c> straight after the sentence they
/// support (<c>...in 2012.[4]</c>, <c>...statement:[1]</c>), and the footnote list at the end, one line per
/// footnote starting with its marker (<c>[4] “Headline”, Publisher, ...</c>).
/// </summary>
/// <remarks>
/// A quote's footnote is the first marker at or after its end in its paragraph. After a paragraph's last
/// marker the article attributes nothing: that last marker and the article itself are both allowed. A
/// paragraph with no marker cites the article, except a paragraph that is a quotation as a whole (opens with
/// a quotation mark) right after a paragraph ending in a marker: that marker introduced it ("said:[1]").
/// A quote from the footnote list cites that footnote.
/// </remarks>
internal sealed partial class ArticleFootnotes
{
    private readonly string _text;
    private readonly List<Paragraph> _paragraphs;

    private ArticleFootnotes(string text, List<Paragraph> paragraphs)
    {
        _text = text;
        _paragraphs = paragraphs;
    }

    public static ArticleFootnotes Parse(string article)
    {
        var paragraphs = new List<Paragraph>();
        var text = new System.Text.StringBuilder();
        IReadOnlyList<int>? introduced = null;
        foreach (var raw in article.Split('\n'))
        {
            var line = DeckValidator.NormaliseWhitespace(raw);
            if (line.Length == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            var start = text.Length;
            text.Append(line);
            var definition = FootnoteDefinition().Match(line);
            if (definition.Success)
            {
                paragraphs.Add(new Paragraph(start, [], int.Parse(definition.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), null));
                continue;
            }

            var markers = Marker().Matches(line)
                .Select(m => new MarkerAt(start + m.Index, m.Length, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            var inherits = markers.Count == 0 && line[0] is '“' or '"' ? introduced : null;
            paragraphs.Add(new Paragraph(start, markers, null, inherits));
            introduced = line.EndsWith(']') && markers.Count > 0 ? [markers[^1].Footnote] : null;
        }

        return new ArticleFootnotes(text.ToString(), paragraphs);
    }

    /// <summary>What a fact quoting <paramref name="quote"/> may cite; null when the article does not contain it.</summary>
    public AllowedCites? For(string quote)
    {
        var wanted = DeckValidator.NormaliseWhitespace(quote);
        if (wanted.Length == 0)
        {
            return null;
        }

        var required = new SortedSet<int>();
        var optional = new SortedSet<int>();
        var articleAllowed = false;
        var found = false;
        for (var at = _text.IndexOf(wanted, StringComparison.Ordinal); at >= 0; at = _text.IndexOf(wanted, at + 1, StringComparison.Ordinal))
        {
            found = true;
            var end = at + wanted.Length;
            var paragraph = _paragraphs.Last(p => p.Start <= end - 1);
            if (paragraph.Defines is { } defined)
            {
                required.Add(defined);
                continue;
            }

            // Markers inside the quote, then the first one after it, say whose words these are.
            var inside = paragraph.Markers.Where(m => m.Position >= at && m.Position < end).Select(m => m.Footnote);
            var next = NextMarkers(paragraph, end);
            if (next.Count > 0)
            {
                required.UnionWith(inside.Concat(next));
            }
            else if (paragraph.Markers.Count > 0)
            {
                optional.Add(paragraph.Markers[^1].Footnote);
                articleAllowed = true;
            }
            else if (paragraph.Inherits is { } inherited)
            {
                required.UnionWith(inherited);
            }
            else
            {
                articleAllowed = true;
            }
        }

        return found ? new AllowedCites([.. required], [.. optional], articleAllowed) : null;
    }

    /// <summary>The first marker at or after <paramref name="position"/>, with any written right after it ("[2][4]", "[2], [4]").</summary>
    private List<int> NextMarkers(Paragraph paragraph, int position)
    {
        var run = new List<int>();
        foreach (var marker in paragraph.Markers.Where(m => m.Position >= position))
        {
            if (run.Count > 0 && _text.AsSpan(position, marker.Position - position).Trim(", ").Length > 0)
            {
                break;
            }

            run.Add(marker.Footnote);
            position = marker.Position + marker.Length;
        }

        return run;
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\[(\d+)\]\s")]
    private static partial Regex FootnoteDefinition();

    private sealed record MarkerAt(int Position, int Length, int Footnote);

    /// <summary>A line of the article: body text with its markers, or the definition of footnote <see cref="Defines"/>.</summary>
    private sealed record Paragraph(int Start, IReadOnlyList<MarkerAt> Markers, int? Defines, IReadOnlyList<int>? Inherits);
}

/// <summary>
/// The citations the article supports for one quote: <see cref="Marked"/> are the markers placed after it (a
/// fact should cite one of them), <see cref="Nearby"/> the last marker of a paragraph when it comes
/// before the quote (allowed, as is <c>article</c> when <see cref="ArticleAllowed"/>).
/// </summary>
internal sealed record AllowedCites(IReadOnlyList<int> Marked, IReadOnlyList<int> Nearby, bool ArticleAllowed)
{
    public bool Allows(int footnote) => Marked.Contains(footnote) || Nearby.Contains(footnote);
}
