namespace QuizBot.Core.Decks;

/// <summary>
/// Turns drafts into the deck model. Works on drafts with problems too (missing values become empty), so an
/// author still gets a summary; such a deck is never served because its load result carries the problems.
/// </summary>
internal static class DeckBuilder
{
    public static Deck Build(DeckDraft draft)
    {
        var manifest = draft.Manifest;
        var title = manifest.Title?.Value ?? string.Empty;
        var article = manifest.Article;
        return new Deck(
            manifest.Id?.Value ?? draft.Folder,
            title,
            manifest.Description ?? string.Empty,
            manifest.Language ?? "en",
            new ArticleInfo(article?.Title ?? title, article?.Author, article?.Published, article?.Url),
            draft.ArticleText ?? string.Empty,
            BuildSources(manifest.Sources),
            draft.Facts.Select(BuildFact).ToList());
    }

    private static List<Source> BuildSources(IReadOnlyList<SourceDraft> drafts)
    {
        var byNumber = new Dictionary<int, SourceDraft>();
        foreach (var draft in drafts)
        {
            if (draft.Footnote is { } footnote)
            {
                byNumber.TryAdd(footnote.Value, draft);
            }
        }

        var sources = new List<Source>();
        foreach (var (number, draft) in byNumber.OrderBy(pair => pair.Key))
        {
            // An ibid keeps its own number and copies the details of the footnote it repeats.
            var ibidOf = draft.IbidOf?.Value;
            var details = ibidOf is { } target && byNumber.TryGetValue(target, out var original) ? original : draft;
            sources.Add(new Source(
                number,
                details.Title ?? string.Empty,
                details.Publisher ?? string.Empty,
                details.Url ?? string.Empty,
                details.Accessed ?? string.Empty,
                ibidOf));
        }

        return sources;
    }

    private static Fact BuildFact(FactDraft draft)
    {
        var id = draft.Id?.Value ?? string.Empty;
        return new Fact(
            id,
            draft.Statement?.Value ?? string.Empty,
            draft.Quote?.Value ?? string.Empty,
            draft.Cites?.Footnotes.Select(f => f.Value).ToList() ?? [],
            draft.Topics?.Select(t => t.Value).ToList() ?? [],
            new Card(draft.Card?.Front?.Value ?? string.Empty, draft.Card?.Back?.Value ?? string.Empty),
            draft.Questions.Select(q => BuildQuestion(id, q)).OfType<Question>().ToList());
    }

    private static Question? BuildQuestion(string factId, QuestionDraft draft)
    {
        if (draft.Kind is not { } kind)
        {
            return null;
        }

        var answer = draft.Answer?.Text ?? string.Empty;
        var distractors = draft.Distractors.Select(d => d.Value);
        return new Question(
            draft.Id?.Value ?? string.Empty,
            factId,
            kind.Value,
            draft.Prompt?.Value ?? string.Empty,
            answer,
            kind.Value == QuestionKind.MultipleChoice ? [answer, .. distractors] : [],
            kind.Value is QuestionKind.Typed or QuestionKind.FillBlank ? draft.Accepted.Select(a => a.Value).ToList() : [],
            draft.Explanation?.Value ?? string.Empty);
    }
}
