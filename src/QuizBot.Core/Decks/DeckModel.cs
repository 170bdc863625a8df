namespace QuizBot.Core.Decks;

/// <summary>A loaded, validated deck: the article, its footnotes and the curated facts built from it.</summary>
public sealed record Deck(
    string Id,
    string Title,
    string Description,
    string Language,
    ArticleInfo Article,
    string ArticleText,
    IReadOnlyList<Source> Sources,
    IReadOnlyList<Fact> Facts)
{
    public IEnumerable<Question> Questions => Facts.SelectMany(f => f.Questions);

    public IReadOnlyList<string> Topics => Facts.SelectMany(f => f.Topics).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The first question with this id and the fact it is about; null when the deck has no such question (or its fact is missing).</summary>
    public (Question Question, Fact Fact)? FindQuestion(string questionId) => DeckQuestions.For(this).Find(questionId);
}

/// <summary>The article's own metadata, as the deck manifest states it.</summary>
public sealed record ArticleInfo(string Title, string? Author, string? Published, string? Url);

/// <summary>
/// A footnote exactly as the article numbers it. An "Ibid." footnote keeps its own number and
/// points at the footnote it repeats through <see cref="IbidOf"/>; its other fields are copied from that source.
/// </summary>
public sealed record Source(int Footnote, string Title, string Publisher, string Url, string Accessed, int? IbidOf);

/// <summary>
/// One atomic, checkable statement of the article. <see cref="Cites"/> holds footnote numbers; it is empty
/// when the article states the fact without a footnote (the fact then cites the article itself).
/// </summary>
public sealed record Fact(
    string Id,
    string Statement,
    string Quote,
    IReadOnlyList<int> Cites,
    IReadOnlyList<string> Topics,
    Card Card,
    IReadOnlyList<Question> Questions)
{
    public bool CitesArticleItself => Cites.Count == 0;
}

/// <summary>A flashcard: one per fact. Its id is the fact's id.</summary>
public sealed record Card(string Front, string Back);

public enum QuestionKind
{
    MultipleChoice,
    TrueFalse,
    Typed,
    FillBlank,
}

/// <summary>
/// A question about one fact.
/// MultipleChoice: <see cref="Answer"/> is the right choice and <see cref="Choices"/> holds it and its distractors.
/// TrueFalse: <see cref="Answer"/> is "true" or "false".
/// Typed and FillBlank: <see cref="Answer"/> is the canonical answer shown on reveal and <see cref="Accepted"/>
/// lists further accepted answers and aliases (the canonical answer is always accepted).
/// </summary>
public sealed record Question(
    string Id,
    string FactId,
    QuestionKind Kind,
    string Prompt,
    string Answer,
    IReadOnlyList<string> Choices,
    IReadOnlyList<string> Accepted,
    string Explanation);
