using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>Each editorial warning, raised once in the fixture deck: exact message and file:line, and never a problem.</summary>
public sealed class DeckWarningTests : IDisposable
{
    private const string Lake = "facts/01-lake.yaml";
    private const string Town = "facts/02-town.yaml";

    private readonly FixtureDeck _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void The_fixture_has_no_warnings()
    {
        var result = _fixture.Load();

        Assert.Equal([], result.Problems);
        Assert.Equal([], result.Warnings);
    }

    [Fact]
    public void An_answer_in_its_own_prompt_is_a_warning()
    {
        var line = _fixture.Replace(Lake, "prompt: Name Brenmoor's ferry.", "prompt: Name Brenmoor's ferry, the Grey Heron.");

        AssertOnlyWarning(Lake, line, "the answer 'Grey Heron' appears in its own prompt");
    }

    [Fact]
    public void An_accepted_answer_in_its_own_prompt_is_a_warning()
    {
        _fixture.Replace(Lake, "accept: [The Grey Heron]", "accept: [The Grey Heron, Heron]");
        var line = _fixture.Replace(Lake, "prompt: Name Brenmoor's ferry.", "prompt: Name Brenmoor's ferry (a heron of sorts).");

        AssertOnlyWarning(Lake, line, "the accepted answer 'Heron' appears in its own prompt");
    }

    [Fact]
    public void Part_of_a_word_in_the_prompt_is_no_giveaway()
    {
        _fixture.Replace(Lake, "prompt: Name Brenmoor's ferry.", "prompt: Name Brenmoor's ferry (not the Grey Heronry).");

        Assert.Equal([], _fixture.Load().Warnings);
    }

    [Fact]
    public void Two_near_identical_prompts_are_a_warning_at_the_second()
    {
        var first = _fixture.LineOf(Lake, "prompt: For about how many days does Lake Ovel freeze each winter?");
        var second = _fixture.Replace(Lake, "prompt: Lake Ovel never freezes.", "prompt: For about how many days does Lake Ovel freeze every winter?");

        AssertOnlyWarning(Lake, second, $"prompt nearly repeats the prompt at line {first} (83% of words shared); make each question test something else");
    }

    [Fact]
    public void Near_identical_prompts_in_two_files_name_the_other_file()
    {
        var first = _fixture.LineOf(Lake, "prompt: For about how many days does Lake Ovel freeze each winter?");
        var second = _fixture.Replace(Town, "prompt: How often does Brenmoor's town council meet?", "prompt: For about how many days does Lake Ovel freeze each winter?");

        AssertOnlyWarning(Town, second, $"prompt nearly repeats the prompt at facts/01-lake.yaml:{first} (100% of words shared); make each question test something else");
    }

    [Fact]
    public void Prompts_sharing_fewer_words_are_fine()
    {
        _fixture.Replace(Lake, "prompt: Lake Ovel never freezes.", "prompt: Lake Ovel freezes for about ninety days each year.");

        Assert.Equal([], _fixture.Load().Warnings);
    }

    [Fact]
    public void A_blank_that_is_one_common_word_is_a_warning()
    {
        _fixture.Replace(Lake, "prompt: The Grey Heron has crossed Lake Ovel since ____.", "prompt: The Grey Heron has crossed Lake Ovel for many ____.");
        var line = _fixture.Replace(Lake, "answer: \"1911\"", "answer: years");

        AssertOnlyWarning(Lake, line, "the blank is 'years', a common word anyone can fill in without the article; blank a word only the article gives");
    }

    [Fact]
    public void A_typed_question_whose_answer_has_an_acronym_and_no_accept_list_is_a_warning()
    {
        var line = _fixture.Replace(Lake, "      answer: Grey Heron\n      accept: [The Grey Heron]\n", "      answer: GH Grey Heron\n");

        AssertOnlyWarning(Lake, line, "the answer has an acronym ('GH') but no 'accept' list: accept the full name, the acronym or the name without its title");
    }

    [Fact]
    public void A_typed_question_whose_answer_has_a_title_and_no_accept_list_is_a_warning()
    {
        var line = _fixture.Replace(Lake, "      answer: Grey Heron\n      accept: [The Grey Heron]\n", "      answer: Captain Grey\n      accept: []\n");
        Assert.Equal([], _fixture.Load().Warnings);

        _fixture.Replace(Lake, "answer: Captain Grey", "answer: Dr Grey");

        AssertOnlyWarning(Lake, line, "the answer has a title ('Dr') but no 'accept' list: accept the full name, the acronym or the name without its title");
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void One_answer_used_by_more_questions_than_the_limit_is_a_warning(int limit, bool warned)
    {
        // Make the typed answer and the multiple-choice answer of the council fact the same, then a third.
        _fixture.Replace(Town, "      answer: Monthly\n", "      answer: Grey Heron\n");
        var result = DeckLoader.LoadDeck(_fixture.Dir, new DeckCheckOptions(limit));

        Assert.Equal([], result.Problems);
        var expected = warned
            ? [new DeckProblem(FixtureDeck.PathOf(Town), _fixture.LineOf(Town, "answer: Grey Heron"), $"'Grey Heron' answers 2 questions of this deck (more than 1), a safe guess; first at facts/01-lake.yaml:{_fixture.LineOf(Lake, "answer: Grey Heron")}")]
            : Array.Empty<DeckProblem>();
        Assert.Equal(expected, result.Warnings);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void By_default_an_answer_is_a_warning_once_more_than_five_questions_have_it(int questions, bool warned)
    {
        // The lake's ferry question answers "Grey Heron"; the council fact gets the others, with unlike prompts.
        string[] prompts = ["Which boat crosses the lake at dawn?", "Name the vessel moored by the old mill.", "What carries the mail over the water?", "Which craft did the ferryman paint blue?", "What do the anglers wave at each morning?"];
        var others = string.Concat(prompts.Take(questions - 1).Select(prompt =>
            $"    - kind: multiple-choice\n      prompt: {prompt}\n      answer: Grey Heron\n      distractors: [Swift, Kingfisher]\n      explanation: The ferry is the Grey Heron.\n"));
        const string LastQuestion = "      explanation: It meets once a month, on the first Monday.\n";
        _fixture.Replace(Town, LastQuestion, LastQuestion + others);

        var result = _fixture.Load();

        Assert.Equal([], result.Problems);
        Assert.Equal(
            warned ? [$"'Grey Heron' answers {questions} questions of this deck (more than 5)"] : [],
            result.Warnings.Select(w => w.Message.Split(", a safe guess")[0]));
    }

    private void AssertOnlyWarning(string file, int line, string message)
    {
        var result = _fixture.Load();
        Assert.Equal([], result.Problems);
        Assert.Equal([new DeckProblem(FixtureDeck.PathOf(file), line, message)], result.Warnings);
    }
}
