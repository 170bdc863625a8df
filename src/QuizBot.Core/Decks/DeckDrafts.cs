namespace QuizBot.Core.Decks;

// Deck files as read, before validation: every value keeps the line it came from so the validator can
// point at it. A value the file lacks (or gives with the wrong shape) is null; the reader has said why.

internal readonly record struct Located<T>(T Value, int Line);

internal sealed record DeckDraft(
    string Folder,
    ManifestDraft Manifest,
    string? ArticleText,
    IReadOnlyList<FactDraft> Facts,
    bool AllFactFilesRead)
{
    public string ManifestFile => $"{Folder}/deck.yaml";
}

internal sealed record ManifestDraft(
    Located<string>? Id,
    Located<string>? Title,
    string? Description,
    string? Language,
    ArticleDraft? Article,
    IReadOnlyList<SourceDraft> Sources);

internal sealed record ArticleDraft(int Line, Located<string>? File, string? Title, string? Author, string? Published, string? Url);

internal sealed record SourceDraft(
    int Line,
    Located<int>? Footnote,
    string? Title,
    string? Publisher,
    string? Url,
    string? Accessed,
    Located<int>? IbidOf);

internal sealed record FactDraft(
    string File,
    int Line,
    Located<string>? Id,
    Located<string>? Statement,
    Located<string>? Quote,
    CitesDraft? Cites,
    IReadOnlyList<Located<string>>? Topics,
    CardDraft? Card,
    IReadOnlyList<QuestionDraft> Questions);

/// <summary>Either the word <c>article</c> or a list of footnote numbers.</summary>
internal sealed record CitesDraft(int Line, bool CitesArticle, IReadOnlyList<Located<int>> Footnotes);

internal sealed record CardDraft(int Line, Located<string>? Front, Located<string>? Back);

internal sealed record QuestionDraft(
    int Line,
    Located<string>? Id,
    Located<QuestionKind>? Kind,
    Located<string>? Prompt,
    AnswerDraft? Answer,
    IReadOnlyList<Located<string>> Distractors,
    IReadOnlyList<Located<string>> Accepted,
    Located<string>? Explanation);

/// <summary>An answer scalar; <see cref="IsBoolean"/> when it is a plain YAML true/false (not quoted text).</summary>
internal sealed record AnswerDraft(string Text, int Line, bool IsBoolean);
