using System.Runtime.CompilerServices;

namespace QuizBot.Core.Decks;

/// <summary>Writes the citation lines the bot shows with every revealed answer and card back.</summary>
public sealed class CitationFormatter
{
    public const string ArticleItself = "Source: the article itself — the article's own analysis, no footnote";

    // One formatter per loaded deck (by reference), built on first use: every reveal cites, none rebuilds the footnote index.
    private static readonly ConditionalWeakTable<Deck, CitationFormatter> ByDeck = new();

    // Each footnote's citation is formatted once: a reveal shows the same few lines again and again.
    private readonly Dictionary<int, Citation> _citations;
    private readonly Citation _articleItself;

    public CitationFormatter(Deck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        _citations = deck.Sources.ToDictionary(s => s.Footnote, s => new Citation(s.Footnote, Format(s), string.IsNullOrEmpty(s.Url) ? null : s.Url));
        _articleItself = new Citation(null, ArticleItself, deck.Article.Url);
    }

    /// <summary>The formatter of <paramref name="deck"/>, shared by everything that cites from it.</summary>
    public static CitationFormatter For(Deck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        return ByDeck.GetValue(deck, d => new CitationFormatter(d));
    }

    /// <summary>One citation per footnote the fact cites, in the fact's order; the article itself when it cites none.</summary>
    public IReadOnlyList<Citation> Cite(Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact.CitesArticleItself)
        {
            return [_articleItself];
        }

        var citations = new Citation[fact.Cites.Count];
        for (var i = 0; i < citations.Length; i++)
        {
            citations[i] = Cite(fact.Cites[i]);
        }

        return citations;
    }

    /// <summary>
    /// The citation of one footnote. An ibid footnote keeps its own number and shows the details it resolved to;
    /// an undefined number (impossible in a validated deck) still gets its number rather than an error.
    /// </summary>
    public Citation Cite(int footnote) =>
        _citations.TryGetValue(footnote, out var citation) ? citation : new Citation(footnote, $"Source [{footnote}]", null);

    public static string Format(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"Source [{source.Footnote}] — \"{source.Title}\", {source.Publisher} (accessed {source.Accessed})";
    }
}
