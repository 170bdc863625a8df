using System.Text.Json;
using QuizBot.Core.Decks;

namespace QuizBot.Tests.Cli;

public sealed class ContentExportTests
{
    private static readonly Deck RealDeck = Assert.Single(DeckLoader.LoadAll(RepositoryPaths.Content).Decks);

    [Fact]
    public void Json_export_parses_back_with_the_same_counts_and_shape()
    {
        var run = CliRun.Content("export", "--format", "json", "--content", RepositoryPaths.Content);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var deck = Assert.Single(json.RootElement.GetProperty("decks").EnumerateArray());
        Assert.Equal(RealDeck.Id, deck.GetProperty("id").GetString());
        Assert.Equal(RealDeck.Title, deck.GetProperty("title").GetString());

        var sources = deck.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(RealDeck.Sources.Count, sources.Count);
        Assert.Equal(JsonValueKind.Null, sources[0].GetProperty("ibidOf").ValueKind);
        Assert.Equal(1, sources[1].GetProperty("ibidOf").GetInt32());
        Assert.Equal(sources[0].GetProperty("url").GetString(), sources[1].GetProperty("url").GetString());

        var facts = deck.GetProperty("facts").EnumerateArray().ToList();
        Assert.Equal(RealDeck.Facts.Select(f => f.Id), facts.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(RealDeck.Facts.Count(f => f.CitesArticleItself), facts.Count(f => f.GetProperty("cites").GetArrayLength() == 0));
        Assert.All(facts, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("card").GetProperty("back").GetString())));

        var questions = facts.SelectMany(f => f.GetProperty("questions").EnumerateArray()).ToList();
        Assert.Equal(RealDeck.Questions.Count(), questions.Count);
        Assert.Equal(
            ["fill-blank", "multiple-choice", "true-false", "typed"],
            questions.Select(q => q.GetProperty("kind").GetString()).Distinct().Order(StringComparer.Ordinal));
        var first = RealDeck.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
        var exported = questions.Single(q => q.GetProperty("id").GetString() == first.Id);
        Assert.Equal(first.Choices, exported.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(first.Explanation, exported.GetProperty("explanation").GetString());
    }

    [Fact]
    public void Json_export_carries_the_deck_description_language_and_article()
    {
        var run = CliRun.Content("export", "--format", "json", "--content", RepositoryPaths.Content);

        using var json = JsonDocument.Parse(run.Output);
        var deck = Assert.Single(json.RootElement.GetProperty("decks").EnumerateArray());
        Assert.Equal(RealDeck.Description, deck.GetProperty("description").GetString());
        Assert.Equal(RealDeck.Language, deck.GetProperty("language").GetString());
        var article = deck.GetProperty("article");
        Assert.Equal(RealDeck.Article.Title, article.GetProperty("title").GetString());
        Assert.Equal(RealDeck.Article.Url, article.GetProperty("url").GetString());
        Assert.Equal(RealDeck.Article.Published, article.GetProperty("published").GetString());
        Assert.Equal(RealDeck.ArticleText, article.GetProperty("text").GetString());
    }

    [Fact]
    public void Anki_export_is_read_by_its_headers_as_anki_reads_them()
    {
        var run = CliRun.Content("export", "--format", "anki", "--content", RepositoryPaths.Content);

        Assert.Equal(0, run.ExitCode);
        var file = AnkiTextFile.Parse(run.Output);
        Assert.Equal('\t', file.Separator);
        Assert.True(file.Html);
        Assert.Equal("Basic", file.NoteType);
        Assert.Equal(RealDeck.Facts.Count, file.Notes.Count);
        Assert.Equal(RealDeck.Facts.Count, file.Notes.Select(n => n.Guid).Distinct().Count());
        Assert.All(file.Notes, note => Assert.Equal(RealDeck.Title, note.Deck));

        var first = file.Notes[0];
        Assert.Equal(RealDeck.Facts[0].Card.Front, System.Net.WebUtility.HtmlDecode(first.Fields[0]));
        Assert.StartsWith(RealDeck.Facts[0].Card.Back + "\n\nSource", System.Net.WebUtility.HtmlDecode(first.Fields[1].Replace("<br>", "\n", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(RealDeck.Facts[0].Topics, first.Tags);
    }

    [Fact]
    public void Re_exporting_after_editing_a_card_keeps_each_notes_guid()
    {
        var before = AnkiTextFile.Parse(CliRun.Content("export", "--format", "anki", "--content", RepositoryPaths.Content).Output);
        using var copy = new DeckCopy();
        copy.EditFirstLine("facts/06-joint-base.yaml", "    front: ", _ => "    front: Which country hosts the joint Russian base (edited)?");

        var after = AnkiTextFile.Parse(CliRun.Content("export", "--format", "anki", "--content", copy.Root).Output);

        var edited = Assert.Single(after.Notes, n => n.Fields[0].Contains("(edited)", StringComparison.Ordinal));
        var original = Assert.Single(before.Notes, n => n.Guid == edited.Guid);
        Assert.NotEqual(original.Fields[0], edited.Fields[0]);
        Assert.Equal(before.Notes.Select(n => n.Guid), after.Notes.Select(n => n.Guid));
    }

    [Fact]
    public void Anki_export_escapes_tabs_newlines_and_markup_inside_fields()
    {
        using var copy = new DeckCopy();
        copy.EditFirstLine("facts/06-joint-base.yaml", "    back: ", _ => "    back: \"Line one\\tand\\nline two <b>bold</b> & \\\"more\\\"\"");

        var run = CliRun.Content("export", "--format", "anki", "--content", copy.Root);

        Assert.Equal(0, run.ExitCode);
        var file = AnkiTextFile.Parse(run.Output);
        Assert.Equal(RealDeck.Facts.Count, file.Notes.Count);
        var edited = Assert.Single(file.Notes, note => note.Fields[1].Contains("Line one", StringComparison.Ordinal));
        Assert.StartsWith("Line one&#9;and<br>line two &lt;b&gt;bold&lt;/b&gt; &amp; &quot;more&quot;<br><br>Source [4] — ", edited.Fields[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_a_deck_with_problems()
    {
        using var copy = new DeckCopy();
        var line = copy.EditFirstLine("facts/06-joint-base.yaml", "  cites: [", l => l.Replace("cites: [", "cites: [99, ", StringComparison.Ordinal));

        var run = CliRun.ContentIn(copy.Root, "export", "--format", "json", "--deck", copy.Dir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal([$"csto-central-asia/facts/06-joint-base.yaml:{line}: cites footnote [99], which deck.yaml does not define", "1 problem"], run.ErrorLines);
    }

    [Fact]
    public void Export_rejects_an_unknown_format()
    {
        var run = CliRun.Content("export", "--format", "xml", "--content", RepositoryPaths.Content);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("xml", run.Error, StringComparison.Ordinal);
    }
}
