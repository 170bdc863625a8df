using System.Runtime.CompilerServices;

namespace QuizBot.Core.Decks;

/// <summary>Writes the citation lines the bot shows with every revealed answer and card back.</summary>
public sealed class CitationFormatter
{
    public const string ArticleItself = "Source: the article itself — the article's own analysis, no footnote";

    // One formatter per loaded deck (by reference), built on first use: every reveal cites, none rebuilds the footnote index.
    private static readonly ConditionalWeakTable<Deck, CitationFormatter> ByDeck = new();

    private readonly Dictionary<int, Source> _sources;
    private readonly string? _articleUrl;

    public CitationFormatter(Deck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        _sources = deck.Sources.ToDictionary(s => s.Footnote);
        _articleUrl = deck.Article.Url;
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
            return [new Citation(null, ArticleItself, _articleUrl)];
        }

        return fact.Cites.Select(Cite).ToList();
    }

    /// <summary>
    /// The citation of one footnote. An ibid footnote keeps its own number and shows the details it resolved to;
    /// an undefined number (impossible in a validated deck) still gets its number rather than an error.
    /// </summary>
    public Citation Cite(int footnote) =>
        _sources.TryGetValue(footnote, out var source)
            ? new Citation(footnote, Format(source), string.IsNullOrEmpty(source.Url) ? null : source.Url)
            : new Citation(footnote, $"Source [{footnote}]", null);

    public static string Format(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"Source [{source.Footnote}] — \"{source.Title}\", {source.Publisher} (accessed {source.Accessed})";
    }
}
