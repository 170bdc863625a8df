using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuizBot.Core.Decks;

/// <summary>Reads deck.yaml and facts/*.yaml into drafts, reporting shape problems (missing, mistyped, unknown keys).</summary>
internal sealed class DeckFileReader
{
    private static readonly string[] ManifestKeys = ["id", "title", "description", "language", "article", "sources"];
    private static readonly string[] ArticleKeys = ["file", "title", "author", "published", "url"];
    private static readonly string[] SourceKeys = ["footnote", "title", "publisher", "url", "accessed"];
    private static readonly string[] IbidSourceKeys = ["footnote", "ibid"];
    private static readonly string[] FactKeys = ["id", "statement", "quote", "cites", "topics", "card", "questions"];
    private static readonly string[] CardKeys = ["front", "back"];
    private static readonly string[] AnyQuestionKeys = ["id", "kind", "prompt", "answer", "distractors", "accept", "explanation"];

    private readonly ICollection<DeckProblem> _problems;

    public DeckFileReader(ICollection<DeckProblem> problems) => _problems = problems;

    public ManifestDraft? ReadManifest(string path, string file)
    {
        var root = YamlFileParser.Parse(path, file, _problems);
        if (root is null)
        {
            return null;
        }

        if (root is not YamlMappingNode mapping)
        {
            _problems.Add(new DeckProblem(file, YamlFileParser.LineOf(root), "deck.yaml must be a mapping (id, title, article, sources, ...)"));
            return null;
        }

        var fields = new MappingFields(mapping, file, "deck manifest", _problems);
        fields.ReportUnknownKeys(ManifestKeys);
        return new ManifestDraft(
            fields.Text("id", required: true),
            fields.Text("title", required: true),
            fields.Text("description", required: false)?.Value,
            fields.Text("language", required: false)?.Value,
            ReadArticle(ArticleBlock(fields), file),
            ReadSources(fields.Sequence("sources", required: false), file));
    }

    /// <summary>The facts of one file, or null when the file as a whole cannot be read as a list of facts.</summary>
    public IReadOnlyList<FactDraft>? ReadFactFile(string path, string file)
    {
        var root = YamlFileParser.Parse(path, file, _problems);
        if (root is null)
        {
            return null;
        }

        if (root is not YamlSequenceNode sequence)
        {
            _problems.Add(new DeckProblem(file, YamlFileParser.LineOf(root), "a facts file must be a list of facts (each item starting with '- id: ...')"));
            return null;
        }

        var facts = new List<FactDraft>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
            {
                facts.Add(ReadFact(mapping, file));
            }
            else
            {
                _problems.Add(new DeckProblem(file, YamlFileParser.LineOf(item), "each item of a facts file must be a fact (a mapping with id, statement, quote, ...)"));
            }
        }

        return facts;
    }

    /// <summary>The manifest's article block; a missing or malformed one is reported with the keys it takes.</summary>
    private static YamlMappingNode? ArticleBlock(MappingFields manifest)
    {
        var keys = $"{ArticleKeyList} ({ArticleExample})";
        switch (manifest.Value("article"))
        {
            case null:
                manifest.Report(manifest.Line, $"a deck manifest needs an 'article' block with the keys {keys}");
                return null;
            case YamlMappingNode mapping:
                return mapping;
            case var other:
                manifest.Report(other, $"'article' must be a block of keys, not a single value: {keys}");
                return null;
        }
    }

    private const string ArticleKeyList = "file (required: the article's text file in the deck folder), title, author, published, url";
    private const string ArticleExample = "e.g. 'article:' then '  file: article.txt' on the next line";

    private ArticleDraft? ReadArticle(YamlMappingNode? mapping, string file)
    {
        if (mapping is null)
        {
            return null;
        }

        var fields = new MappingFields(mapping, file, "article block", _problems);
        fields.ReportUnknownKeys(ArticleKeys);
        var articleFile = fields.Text("file", required: false);
        if (articleFile is null)
        {
            fields.Report(fields.Line, $"the article block needs 'file'; its keys are {ArticleKeyList}");
        }

        return new ArticleDraft(
            fields.Line,
            articleFile,
            fields.Text("title", required: false)?.Value,
            fields.Text("author", required: false)?.Value,
            fields.Text("published", required: false)?.Value,
            fields.Text("url", required: false)?.Value);
    }

    private List<SourceDraft> ReadSources(YamlSequenceNode? sequence, string file)
    {
        var sources = new List<SourceDraft>();
        foreach (var item in sequence?.Children ?? [])
        {
            if (item is not YamlMappingNode mapping)
            {
                _problems.Add(new DeckProblem(file, YamlFileParser.LineOf(item), "each source must be a mapping (footnote, title, publisher, url, accessed)"));
                continue;
            }

            var fields = new MappingFields(mapping, file, "source", _problems);
            var footnote = fields.Number("footnote", required: true);
            if (fields.Value("ibid") is { } ibidNode)
            {
                // An "Ibid." footnote carries nothing of its own: its details come from the footnote it repeats.
                fields.ReportUnknownKeys(IbidSourceKeys);
                sources.Add(new SourceDraft(fields.Line, footnote, null, null, null, null, fields.ToNumber(ibidNode, "'ibid'")));
                continue;
            }

            fields.ReportUnknownKeys([.. SourceKeys, "ibid"]);
            sources.Add(new SourceDraft(
                fields.Line,
                footnote,
                fields.Text("title", required: true)?.Value,
                fields.Text("publisher", required: true)?.Value,
                fields.Text("url", required: true)?.Value,
                fields.Text("accessed", required: true)?.Value,
                null));
        }

        return sources;
    }

    private FactDraft ReadFact(YamlMappingNode mapping, string file)
    {
        var fields = new MappingFields(mapping, file, "fact", _problems);
        fields.ReportUnknownKeys(FactKeys);
        var id = fields.Text("id", required: true);
        var questions = new List<QuestionDraft>();
        var countPerKind = new Dictionary<QuestionKind, int>();
        foreach (var item in fields.Sequence("questions", required: false)?.Children ?? [])
        {
            if (item is YamlMappingNode question)
            {
                questions.Add(ReadQuestion(question, file, id?.Value, countPerKind));
            }
            else
            {
                _problems.Add(new DeckProblem(file, YamlFileParser.LineOf(item), "each question must be a mapping (kind, prompt, answer, explanation, ...)"));
            }
        }

        return new FactDraft(
            file,
            fields.Line,
            id,
            fields.Text("statement", required: true),
            fields.Text("quote", required: true),
            ReadCites(fields),
            fields.TextList("topics", required: true),
            ReadCard(fields.Mapping("card", required: true), file),
            questions);
    }

    private static CitesDraft? ReadCites(MappingFields fields)
    {
        var value = fields.Value("cites");
        switch (value)
        {
            case null:
                fields.Report(fields.Line, "a fact needs 'cites' (footnote numbers, or the word article)");
                return null;
            case YamlScalarNode { Value: "article" } scalar:
                return new CitesDraft(YamlFileParser.LineOf(scalar), CitesArticle: true, []);
            case YamlSequenceNode { Children.Count: 0 } empty:
                fields.Report(empty, "'cites' is empty: list footnote numbers, or write 'cites: article' when the article gives no footnote");
                return null;
            case YamlSequenceNode sequence:
                var footnotes = sequence.Children
                    .Select(item => fields.ToNumber(item, "each item of 'cites'"))
                    .OfType<Located<int>>()
                    .ToList();
                return new CitesDraft(YamlFileParser.LineOf(sequence), CitesArticle: false, footnotes);
            default:
                fields.Report(value, "'cites' must be a list of footnote numbers, or the word article");
                return null;
        }
    }

    private CardDraft? ReadCard(YamlMappingNode? mapping, string file)
    {
        if (mapping is null)
        {
            return null;
        }

        var fields = new MappingFields(mapping, file, "card", _problems);
        fields.ReportUnknownKeys(CardKeys);
        return new CardDraft(fields.Line, fields.Text("front", required: true), fields.Text("back", required: true));
    }

    private QuestionDraft ReadQuestion(YamlMappingNode mapping, string file, string? factId, Dictionary<QuestionKind, int> countPerKind)
    {
        var fields = new MappingFields(mapping, file, "question", _problems);
        var kind = ReadKind(fields);
        fields.ReportUnknownKeys(kind is null ? AnyQuestionKeys : KeysOf(kind.Value.Value));

        var id = fields.Text("id", required: false);
        if (kind is { } known)
        {
            // Default ids number each kind within the fact (kant-airbase-mc1, -mc2, -tf1, ...). Questions with
            // their own id count too, so giving one question an id never renames the others.
            var k = countPerKind.GetValueOrDefault(known.Value) + 1;
            countPerKind[known.Value] = k;
            if (id is null && factId is not null)
            {
                id = new Located<string>($"{factId}-{QuestionKindNames.IdTag(known.Value)}{k}", fields.Line);
            }
        }

        return new QuestionDraft(
            fields.Line,
            id,
            kind,
            fields.Text("prompt", required: true),
            ReadAnswer(fields),
            fields.TextList("distractors", required: false) ?? [],
            fields.TextList("accept", required: false) ?? [],
            fields.Text("explanation", required: false));
    }

    private static Located<QuestionKind>? ReadKind(MappingFields fields)
    {
        var name = fields.Text("kind", required: true);
        if (name is null)
        {
            return null;
        }

        if (QuestionKindNames.TryParse(name.Value.Value, out var kind))
        {
            return new Located<QuestionKind>(kind, name.Value.Line);
        }

        var known = string.Join(", ", QuestionKindNames.All.Select(QuestionKindNames.Name));
        fields.Report(name.Value.Line, $"unknown question kind '{name.Value.Value}' (known kinds: {known})");
        return null;
    }

    private static AnswerDraft? ReadAnswer(MappingFields fields)
    {
        switch (fields.Value("answer"))
        {
            case null:
                return null;
            case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                var isBoolean = scalar.Style == ScalarStyle.Plain && scalar.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";
                return new AnswerDraft(isBoolean ? scalar.Value.ToLowerInvariant() : scalar.Value, YamlFileParser.LineOf(scalar), isBoolean);
            case YamlScalarNode:
                return null;
            case var other:
                fields.Report(other, "'answer' must be text (or true/false for a true-false question)");
                return null;
        }
    }

    private static string[] KeysOf(QuestionKind kind) => kind switch
    {
        QuestionKind.MultipleChoice => ["id", "kind", "prompt", "answer", "distractors", "explanation"],
        QuestionKind.TrueFalse => ["id", "kind", "prompt", "answer", "explanation"],
        _ => ["id", "kind", "prompt", "answer", "accept", "explanation"],
    };
}
