using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>One test per deck rule: break the rule once in the fixture deck and expect exactly that problem, at that line.</summary>
public sealed class DeckValidationTests : IDisposable
{
    private const string Manifest = "deck.yaml";
    private const string Lake = "facts/01-lake.yaml";
    private const string Town = "facts/02-town.yaml";

    private readonly FixtureDeck _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_quote_with_one_word_changed_is_not_found_in_the_article()
    {
        var line = _fixture.Replace(Lake, "quote: Lake Ovel, which freezes", "quote: Lake Ovel, which thaws");

        AssertOnlyProblem(Lake, line, "quote not found in article.txt: it matches up to \"Lake Ovel, which \" and then differs");
    }

    [Fact]
    public void A_quote_is_compared_exactly_apart_from_whitespace()
    {
        // Straight quotes where the article has curly ones are a different text.
        var line = _fixture.Replace(Lake, "quote: Lake Ovel, which freezes for about ninety days each winter", "quote: '\"Lakes of the North\", Valley Gazette'");

        AssertOnlyProblem(Lake, line, "quote not found in article.txt: no part of its opening matches");
    }

    [Fact]
    public void Citing_an_undefined_footnote_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "cites: [2]", "cites: [2, 9]");

        AssertOnlyProblem(Lake, line, "cites footnote [9], which deck.yaml does not define");
    }

    [Fact]
    public void Citing_a_footnote_twice_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "cites: [2]", "cites: [2, 2]");

        AssertOnlyProblem(Lake, line, "cites footnote [2] twice");
    }

    [Fact]
    public void An_ibid_of_an_undefined_footnote_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "ibid: 1", "ibid: 8");

        AssertOnlyProblem(Manifest, line, "footnote [2] is an ibid of [8], which deck.yaml does not define");
    }

    [Fact]
    public void An_ibid_of_itself_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "ibid: 1", "ibid: 2");

        AssertOnlyProblem(Manifest, line, "footnote [2] is an ibid of itself; point it at the footnote it repeats");
    }

    [Fact]
    public void An_ibid_of_another_ibid_is_a_problem()
    {
        _fixture.Write(Manifest, _fixture.Read(Manifest) + "  - footnote: 4\n    ibid: 2\n");
        _fixture.Replace("article.txt", "since 1911.[2]", "since 1911.[2][4]");
        _fixture.Replace(Lake, "cites: [2]", "cites: [2, 4]");

        AssertOnlyProblem(Manifest, _fixture.LineOf(Manifest, "ibid: 2"), "footnote [4] is an ibid of [2], itself an ibid; point it at the original source");
    }

    [Fact]
    public void A_footnote_no_fact_cites_is_a_problem()
    {
        _fixture.Replace(Town, "quote: The town council meets on the first\n    Monday of every month.\n  cites: [3]", "quote: Brenmoor is widely regarded as the quietest town in the valley.\n  cites: article");

        AssertOnlyProblem(Manifest, _fixture.LineOf(Manifest, "footnote: 3"), "footnote [3] is not cited by any fact");
    }

    [Fact]
    public void A_footnote_number_defined_twice_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "footnote: 3", "footnote: 1");

        Assert.Equal(
            [
                new DeckProblem(FixtureDeck.PathOf(Manifest), line, "footnote [1] is defined twice"),
                new DeckProblem(FixtureDeck.PathOf(Town), _fixture.LineOf(Town, "cites: [3]"), "cites footnote [3], which deck.yaml does not define"),
            ],
            _fixture.Load().Problems);
    }

    [Fact]
    public void A_fact_id_used_twice_in_a_deck_is_a_problem()
    {
        var line = _fixture.Replace(Town, "- id: council-meets", "- id: lake-freezes");

        AssertOnlyProblem(Town, line, "duplicate fact id 'lake-freezes' (first used at tiny-lake/facts/01-lake.yaml:1)");
    }

    [Fact]
    public void A_question_id_used_twice_in_a_deck_is_a_problem()
    {
        var line = _fixture.Replace(Town, "id: council-day", "id: lake-freezes-mc1");
        var first = _fixture.LineOf(Lake, "- kind: multiple-choice");

        AssertOnlyProblem(Town, line, $"duplicate question id 'lake-freezes-mc1' (first used at tiny-lake/facts/01-lake.yaml:{first})");
    }

    [Fact]
    public void Fact_and_question_ids_must_be_unique_across_decks()
    {
        // A second deck whose facts are renamed, except quiet-town (and so its question quiet-town-tf1).
        using var second = new FixtureDeck();
        second.Replace(Manifest, "id: tiny-lake", "id: second-lake");
        second.Replace(Lake, "- id: lake-freezes", "- id: other-freezes");
        second.Replace(Lake, "- id: grey-heron-ferry", "- id: other-ferry");
        second.Replace(Town, "- id: council-meets", "- id: other-council");
        second.Replace(Town, "id: council-day", "id: other-council-day");
        Directory.Move(second.Dir, Path.Combine(_fixture.Root, "second-lake"));

        var result = DeckLoader.LoadAll(_fixture.Root);

        var idLine = _fixture.LineOf(Town, "- id: quiet-town");
        var questionLine = _fixture.LineOf(Town, "- kind: true-false");
        Assert.Equal(
            [
                new DeckProblem("tiny-lake/facts/02-town.yaml", idLine, $"duplicate fact id 'quiet-town' (first used in another deck at second-lake/facts/02-town.yaml:{idLine})"),
                new DeckProblem("tiny-lake/facts/02-town.yaml", questionLine, $"duplicate question id 'quiet-town-tf1' (first used in another deck at second-lake/facts/02-town.yaml:{questionLine})"),
            ],
            result.Problems);
        Assert.Equal(["second-lake", "tiny-lake"], result.Decks.Select(d => d.Id));
    }

    [Fact]
    public void A_deck_id_used_by_two_folders_is_a_problem()
    {
        using var second = new FixtureDeck();
        foreach (var file in Directory.GetFiles(Path.Combine(second.Dir, "facts")))
        {
            File.Delete(file);
        }

        second.Write("facts/01-other.yaml", _fixture.Read(Town).Replace("id: council-day", "id: other-day", StringComparison.Ordinal)
            .Replace("- id: council-meets", "- id: other-council", StringComparison.Ordinal)
            .Replace("- id: quiet-town", "- id: other-quiet", StringComparison.Ordinal));
        second.Write("facts/00-other-lake.yaml", _fixture.Read(Lake).Replace("- id: lake-freezes", "- id: other-lake", StringComparison.Ordinal)
            .Replace("- id: grey-heron-ferry", "- id: other-ferry", StringComparison.Ordinal));
        Directory.Move(second.Dir, Path.Combine(_fixture.Root, "z-copy"));

        var result = DeckLoader.LoadAll(_fixture.Root);

        Assert.Equal([new DeckProblem("z-copy/deck.yaml", 1, "duplicate deck id 'tiny-lake' (first used in another deck at tiny-lake/deck.yaml:1)")], result.Problems);
    }

    [Fact]
    public void A_multiple_choice_answer_among_its_distractors_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "distractors: [Thirty, Sixty,", "distractors: [Thirty, ninety,");

        AssertOnlyProblem(Lake, line, "the answer 'Ninety' is also listed as a distractor");
    }

    [Fact]
    public void Duplicate_choices_are_a_problem_whatever_their_case()
    {
        var line = _fixture.Replace(Lake, "distractors: [Thirty, Sixty, One hundred and twenty]", "distractors: [Thirty, Sixty, thirty]");

        AssertOnlyProblem(Lake, line, "duplicate choice 'thirty'");
    }

    [Theory]
    [InlineData("      distractors: [Thirty, Sixty, One hundred and twenty]\n", "      distractors: []\n")]
    [InlineData("      distractors: [Thirty, Sixty, One hundred and twenty]\n", "")]
    public void A_multiple_choice_question_needs_two_choices(string oldText, string newText)
    {
        _fixture.Replace(Lake, oldText, newText);

        AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: multiple-choice"), "a multiple-choice question needs at least one distractor (two choices); three is usual");
    }

    [Theory]
    [InlineData(19, null)]
    [InlineData(20, "a multiple-choice question has 21 choices (the answer and its distractors); the limit is 20, one button each")]
    public void A_multiple_choice_question_has_at_most_20_choices(int distractors, string? expected)
    {
        var list = string.Join(", ", Enumerable.Range(1, distractors).Select(i => $"Choice {i}"));
        _fixture.Replace(Lake, "distractors: [Thirty, Sixty, One hundred and twenty]", $"distractors: [{list}]");

        if (expected is null)
        {
            Assert.Empty(_fixture.Load().Problems);
        }
        else
        {
            AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: multiple-choice"), expected);
        }
    }

    [Fact]
    public void A_choice_longer_than_80_characters_is_a_problem()
    {
        var longChoice = new string('x', 81);
        var line = _fixture.Replace(Lake, "distractors: [Thirty,", $"distractors: [{longChoice},");

        AssertOnlyProblem(Lake, line, "a choice is 81 characters long; the limit is 80");
    }

    [Fact]
    public void A_choice_of_exactly_80_characters_is_fine()
    {
        _fixture.Replace(Lake, "distractors: [Thirty,", $"distractors: [{new string('x', 80)},");

        Assert.Empty(_fixture.Load().Problems);
    }

    [Theory]
    [InlineData("answer: \"false\"")]
    [InlineData("answer: maybe")]
    [InlineData("answer: no")]
    public void A_true_false_answer_must_be_a_yaml_boolean(string answer)
    {
        var line = _fixture.Replace(Lake, "answer: false", answer);

        AssertOnlyProblem(Lake, line, "a true-false question needs 'answer: true' or 'answer: false' (a YAML boolean, not quoted text)");
    }

    [Fact]
    public void A_true_false_question_without_an_answer_is_a_problem()
    {
        _fixture.Replace(Lake, "      answer: false\n", string.Empty);

        AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: true-false"), "a true-false question needs 'answer: true' or 'answer: false' (a YAML boolean, not quoted text)");
    }

    [Fact]
    public void A_typed_question_without_an_answer_is_a_problem()
    {
        _fixture.Replace(Lake, "      answer: Grey Heron\n", string.Empty);

        AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: typed"), "a typed question needs an 'answer'");
    }

    [Fact]
    public void A_fill_blank_question_without_an_answer_is_a_problem()
    {
        _fixture.Replace(Lake, "      answer: \"1911\"\n", "      answer: \"\"\n");

        AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: fill-blank"), "a fill-blank question needs an 'answer'");
    }

    [Fact]
    public void A_fill_blank_prompt_without_the_blank_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "since ____.", "since when?");

        AssertOnlyProblem(Lake, line, "a fill-blank prompt needs ____ (four underscores) where the blank is");
    }

    [Theory]
    [InlineData("      explanation: Brenmoor's ferry is the Grey Heron.\n", "")]
    [InlineData("      explanation: Brenmoor's ferry is the Grey Heron.\n", "      explanation: \"  \"\n")]
    public void A_question_without_an_explanation_is_a_problem(string oldText, string newText)
    {
        _fixture.Replace(Lake, oldText, newText);

        AssertOnlyProblem(Lake, _fixture.LineOf(Lake, "- kind: typed"), "a question needs an 'explanation' (shown after the answer)");
    }

    [Fact]
    public void A_prompt_over_1000_characters_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "prompt: Name Brenmoor's ferry.", $"prompt: Name Brenmoor's ferry {new string('x', 978)}.");

        AssertOnlyProblem(Lake, line, "prompt is 1,001 characters long; the limit is 1,000");
    }

    [Fact]
    public void A_prompt_of_exactly_1000_characters_is_fine()
    {
        _fixture.Replace(Lake, "prompt: Name Brenmoor's ferry.", $"prompt: Name Brenmoor's ferry {new string('x', 977)}.");

        Assert.Empty(_fixture.Load().Problems);
    }

    [Fact]
    public void A_card_side_over_1000_characters_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "back: For about ninety days.", $"back: {new string('x', 1001)}");

        AssertOnlyProblem(Lake, line, "card text is 1,001 characters long; the limit is 1,000");
    }

    [Theory]
    [InlineData(Lake, "- id: lake-freezes\n  statement", "- statement", "statement: Lake Ovel freezes", "a fact needs 'id'")]
    [InlineData(Lake, "  statement: Lake Ovel freezes for about ninety days each winter.\n", "", "- id: lake-freezes", "a fact needs 'statement'")]
    [InlineData(Lake, "  quote: Lake Ovel, which freezes for about ninety days each winter\n", "", "- id: lake-freezes", "a fact needs 'quote'")]
    [InlineData(Town, "  cites: article\n", "", "- id: quiet-town", "a fact needs 'cites' (footnote numbers, or the word article)")]
    [InlineData(Town, "cites: article", "cites: []", "cites: []", "'cites' is empty: list footnote numbers, or write 'cites: article' when the article gives no footnote")]
    [InlineData(Lake, "  topics: [lake, climate]\n", "", "- id: lake-freezes", "a fact needs 'topics'")]
    [InlineData(Lake, "topics: [lake, climate]", "topics: []", "- id: lake-freezes", "a fact needs at least one topic")]
    [InlineData(Lake, "  card:\n    front: For how long does Lake Ovel freeze each winter?\n    back: For about ninety days.\n", "", "- id: lake-freezes", "a fact needs 'card'")]
    [InlineData(Lake, "    front: For how long does Lake Ovel freeze each winter?\n", "", "back: For about ninety days.", "a card needs 'front'")]
    [InlineData(Lake, "    back: For about ninety days.\n", "", "front: For how long does Lake Ovel", "a card needs 'back'")]
    [InlineData(Lake, "      prompt: Name Brenmoor's ferry.\n", "", "- kind: typed", "a question needs 'prompt'")]
    [InlineData(Lake, "    - kind: typed\n      prompt", "    - prompt", "- prompt: Name Brenmoor's ferry.", "a question needs 'kind'")]
    [InlineData(Manifest, "    title: Council Calendar\n", "", "footnote: 3", "a source needs 'title'")]
    [InlineData(Manifest, "    accessed: 03.02.2024\n", "", "footnote: 3", "a source needs 'accessed'")]
    [InlineData(Manifest, "title: Brenmoor and Lake Ovel\n", "", "id: tiny-lake", "a deck manifest needs 'title'")]
    [InlineData(Manifest, "  file: article.txt\n", "", "title: Brenmoor on the lake", "the article block needs 'file'; its keys are file (required: the article's text file in the deck folder), title, author, published, url")]
    public void A_missing_required_field_is_a_problem(string file, string oldText, string newText, string lineAnchor, string message)
    {
        _fixture.Replace(file, oldText, newText);

        AssertOnlyProblem(file, _fixture.LineOf(file, lineAnchor), message);
    }

    [Fact]
    public void An_unknown_question_kind_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "kind: multiple-choice", "kind: multi-choice");

        AssertOnlyProblem(Lake, line, "unknown question kind 'multi-choice' (known kinds: multiple-choice, true-false, typed, fill-blank)");
    }

    [Fact]
    public void A_missing_article_file_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "file: article.txt", "file: missing.txt");

        AssertOnlyProblem(Manifest, line, "article file 'missing.txt' not found in the deck folder");
    }

    [Fact]
    public void An_article_file_outside_the_deck_folder_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "file: article.txt", "file: ../article.txt");

        AssertOnlyProblem(Manifest, line, "article file '../article.txt' must be inside the deck folder");
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_line_and_the_other_files_still_load()
    {
        var line = _fixture.Replace(Town, "  topics: [town]\n  card:\n    front: When", "  topics: [town\n  card:\n    front: When");
        _fixture.Replace(Lake, "cites: [2]", "cites: [2, 9]");

        var problems = _fixture.Load().Problems;

        Assert.Equal(2, problems.Count);
        Assert.Equal(new DeckProblem(FixtureDeck.PathOf(Lake), _fixture.LineOf(Lake, "cites: [2, 9]"), "cites footnote [9], which deck.yaml does not define"), problems[0]);
        Assert.Equal(FixtureDeck.PathOf(Town), problems[1].File);
        // The parser notices the unclosed [ only on the next line; the problem names the line that opened it.
        Assert.Equal(new DeckProblem(FixtureDeck.PathOf(Town), line, "YAML syntax error: the list or mapping opened with '[' on this line is never closed with ']'"), problems[1]);
    }

    [Fact]
    public void A_yaml_syntax_error_reports_the_parser_message_without_its_position()
    {
        var line = _fixture.Replace(Lake, "  quote: Lake Ovel, which", "  quote: Lake Ovel: which");

        var problem = Assert.Single(_fixture.Load().Problems);

        Assert.Equal((FixtureDeck.PathOf(Lake), line), (problem.File, problem.Line));
        Assert.StartsWith("YAML syntax error: ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "  topics: [lake, climate]\n", "  topics: [lake, climate]\n  topics: [lake]\n") + 1;

        var problem = Assert.Single(_fixture.Load().Problems);

        Assert.Equal((FixtureDeck.PathOf(Lake), line), (problem.File, problem.Line));
        Assert.StartsWith("YAML syntax error: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_a_problem()
    {
        var line = _fixture.Replace(Lake, "accept: [The Grey Heron]", "acept: [The Grey Heron]");

        AssertOnlyProblem(Lake, line, "unknown key 'acept' in a question; did you mean 'accept'?");
    }

    [Fact]
    public void An_unknown_key_unlike_any_known_one_lists_the_known_keys()
    {
        var line = _fixture.Replace(Manifest, "language: en", "language: en\nlevel: easy") + 1;

        AssertOnlyProblem(Manifest, line, "unknown key 'level' in a deck manifest (known keys: id, title, description, language, article, sources)");
    }

    [Fact]
    public void A_key_of_another_question_kind_is_unknown()
    {
        var line = _fixture.Replace(Lake, "      answer: false\n", "      answer: false\n      distractors: [true]\n") + 1;

        AssertOnlyProblem(Lake, line, "unknown key 'distractors' in a question (known keys: id, kind, prompt, answer, explanation)");
    }

    [Fact]
    public void A_misspelt_required_key_reports_the_typo_and_the_missing_field()
    {
        var line = _fixture.Replace(Lake, "  statement: Lake Ovel freezes", "  statment: Lake Ovel freezes");

        Assert.Equal(
            [
                new DeckProblem(FixtureDeck.PathOf(Lake), 1, "a fact needs 'statement'"),
                new DeckProblem(FixtureDeck.PathOf(Lake), line, "unknown key 'statment' in a fact; did you mean 'statement'?"),
            ],
            _fixture.Load().Problems);
    }

    [Fact]
    public void A_fact_id_that_is_not_a_slug_is_a_problem()
    {
        var line = _fixture.Replace(Town, "- id: quiet-town", "- id: Quiet Town");

        AssertOnlyProblem(Town, line, "fact id 'Quiet Town' must be lowercase letters, digits and hyphens");
    }

    [Theory]
    [InlineData("id: lake-freezes\nstatement: x\n", 1, "a facts file must be a list of facts (each item starting with '- id: ...')")]
    [InlineData("- just a sentence\n", 1, "each item of a facts file must be a fact (a mapping with id, statement, quote, ...)")]
    [InlineData("", 1, "the file is empty")]
    public void A_facts_file_of_the_wrong_shape_is_a_problem(string text, int line, string message)
    {
        _fixture.Write("facts/03-extra.yaml", text);

        AssertOnlyProblem("facts/03-extra.yaml", line, message);
    }

    [Fact]
    public void A_deck_without_facts_is_a_problem()
    {
        Directory.Delete(Path.Combine(_fixture.Dir, "facts"), recursive: true);

        var problems = _fixture.Load().Problems;

        Assert.Equal(new DeckProblem(FixtureDeck.PathOf(Manifest), 1, "the deck has no facts (add facts/*.yaml files)"), problems[0]);
        Assert.Equal(["footnote [1] is not cited by any fact", "footnote [2] is not cited by any fact", "footnote [3] is not cited by any fact"], problems.Skip(1).Select(p => p.Message));
    }

    [Theory]
    [InlineData("- id: tiny-lake\n", 1, "deck.yaml must be a mapping (id, title, article, sources, ...)")]
    [InlineData("id: tiny-lake\ntitle: T\narticle:\n  file: article.txt\nsources:\n  - Lakes of the North\n", 6, "each source must be a mapping (footnote, title, publisher, url, accessed)")]
    [InlineData("id: tiny-lake\ntitle: T\narticle: article.txt\n", 3, "'article' must be a block of keys, not a single value: file (required: the article's text file in the deck folder), title, author, published, url (e.g. 'article:' then '  file: article.txt' on the next line)")]
    [InlineData("id: tiny-lake\ntitle: T\n", 1, "a deck manifest needs an 'article' block with the keys file (required: the article's text file in the deck folder), title, author, published, url (e.g. 'article:' then '  file: article.txt' on the next line)")]
    [InlineData("id: Tiny Lake\ntitle: T\narticle:\n  file: article.txt\n", 1, "deck id 'Tiny Lake' must be lowercase letters, digits and hyphens")]
    public void A_manifest_of_the_wrong_shape_is_a_problem(string manifest, int line, string message)
    {
        _fixture.Write(Manifest, manifest);

        Assert.Contains(new DeckProblem(FixtureDeck.PathOf(Manifest), line, message), _fixture.Load().Problems);
    }

    [Fact]
    public void An_ibid_that_is_not_a_number_is_a_problem()
    {
        var line = _fixture.Replace(Manifest, "ibid: 1", "ibid: first");

        AssertOnlyProblem(Manifest, line, "'ibid' must be a whole number");
    }

    [Theory]
    [InlineData("cites: [1]", "cites: 1", "'cites' must be a list of footnote numbers, or the word article")]
    [InlineData("cites: [1]", "cites: [1, first]", "each item of 'cites' must be a whole number")]
    [InlineData("topics: [lake, climate]", "topics: lake", "'topics' must be a list")]
    [InlineData("topics: [lake, climate]", "topics: [lake, [climate]]", "each item of 'topics' must be non-empty text")]
    [InlineData("statement: Lake Ovel freezes for about ninety days each winter.", "statement: [Lake Ovel]", "'statement' must be text")]
    [InlineData("answer: Ninety", "answer: {value: Ninety}", "'answer' must be text (or true/false for a true-false question)")]
    public void A_value_of_the_wrong_shape_is_a_problem_not_a_crash(string oldText, string newText, string message)
    {
        var line = _fixture.Replace(Lake, oldText, newText);

        var problems = _fixture.Load().Problems;

        Assert.Contains(new DeckProblem(FixtureDeck.PathOf(Lake), line, message), problems);
    }

    [Fact]
    public void Every_problem_is_collected_not_just_the_first()
    {
        var quoteLine = _fixture.Replace(Lake, "quote: Lake Ovel, which freezes", "quote: Lake Ovel, which thaws");
        var kindLine = _fixture.Replace(Lake, "kind: multiple-choice", "kind: multi-choice");
        var blankLine = _fixture.Replace(Lake, "since ____.", "since when?");
        var ibidLine = _fixture.Replace(Manifest, "ibid: 1", "ibid: 8");
        var idLine = _fixture.Replace(Town, "- id: council-meets", "- id: lake-freezes");

        var problems = _fixture.Load().Problems.Select(p => (p.File, p.Line)).ToList();

        Assert.Equal(
            [
                (FixtureDeck.PathOf(Manifest), ibidLine),
                (FixtureDeck.PathOf(Lake), quoteLine),
                (FixtureDeck.PathOf(Lake), kindLine),
                (FixtureDeck.PathOf(Lake), blankLine),
                (FixtureDeck.PathOf(Town), idLine),
            ],
            problems.Order().ToList());
    }

    private void AssertOnlyProblem(string file, int line, string message)
    {
        var result = _fixture.Load();
        Assert.Equal([new DeckProblem(FixtureDeck.PathOf(file), line, message)], result.Problems);
    }
}
