using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuizBot.Core.Decks;

namespace QuizBot.Content;

/// <summary>
/// Writes decks as JSON for other tools: everything a deck holds (its description and language, the article's
/// metadata and text, every source, fact, card and question), ids as the bot uses them.
/// </summary>
internal static class DeckJsonExport
{
    // Relaxed escaping keeps em dashes and curly quotes readable; the output is a file, not HTML.
    private static readonly DeckJsonContext Context = new(new JsonSerializerOptions(DeckJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Write(IEnumerable<Deck> decks, TextWriter output)
    {
        var document = new ExportDocument(decks.Select(ToExport).ToList());
        output.WriteLine(JsonSerializer.Serialize(document, Context.ExportDocument));
    }

    private static ExportDeck ToExport(Deck deck) => new(
        deck.Id,
        deck.Title,
        deck.Description,
        deck.Language,
        new ExportArticle(deck.Article.Title, deck.Article.Author, deck.Article.Published, deck.Article.Url, deck.ArticleText),
        deck.Sources.Select(s => new ExportSource(s.Footnote, s.Title, s.Publisher, s.Url, s.Accessed, s.IbidOf)).ToList(),
        deck.Facts.Select(f => new ExportFact(
            f.Id,
            f.Statement,
            f.Quote,
            f.Cites,
            f.Topics,
            new ExportCard(f.Card.Front, f.Card.Back),
            f.Questions.Select(q => new ExportQuestion(q.Id, QuestionKindNames.Name(q.Kind), q.Prompt, q.Answer, q.Choices, q.Accepted, q.Explanation)).ToList())).ToList());
}

internal sealed record ExportDocument(IReadOnlyList<ExportDeck> Decks);

internal sealed record ExportDeck(
    string Id,
    string Title,
    string Description,
    string Language,
    ExportArticle Article,
    IReadOnlyList<ExportSource> Sources,
    IReadOnlyList<ExportFact> Facts);

internal sealed record ExportArticle(string Title, string? Author, string? Published, string? Url, string Text);

internal sealed record ExportSource(int Footnote, string Title, string Publisher, string Url, string Accessed, int? IbidOf);

internal sealed record ExportFact(
    string Id,
    string Statement,
    string Quote,
    IReadOnlyList<int> Cites,
    IReadOnlyList<string> Topics,
    ExportCard Card,
    IReadOnlyList<ExportQuestion> Questions);

internal sealed record ExportCard(string Front, string Back);

internal sealed record ExportQuestion(
    string Id,
    string Kind,
    string Prompt,
    string Answer,
    IReadOnlyList<string> Choices,
    IReadOnlyList<string> Accepted,
    string Explanation);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ExportDocument))]
internal sealed partial class DeckJsonContext : JsonSerializerContext;
