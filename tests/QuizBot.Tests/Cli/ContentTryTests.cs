namespace QuizBot.Tests.Cli;

/// <summary>`quizbot content try`: the verdict and why; exit 0 right, 1 wrong, 2 unknown question.</summary>
public sealed class ContentTryTests : IDisposable
{
    private const string Article =
        "The Collective Security Treaty Organization (CSTO) held an exercise in Kyrgyzstan in 2012.[1]\n" +
        "[1] “Drills in Kyrgyzstan”, Example News, https://example.org/drills, (Date of Accession: 09.05.2023).\n";

    private const string Manifest = """
        id: try-deck
        title: Try deck
        article:
          file: article.txt
        sources:
          - footnote: 1
            title: Drills in Kyrgyzstan
            publisher: Example News
            url: https://example.org/drills
            accessed: "09.05.2023"
        """;

    private const string Facts = """
        - id: exercise
          statement: The CSTO held an exercise in Kyrgyzstan in 2012.
          quote: The Collective Security Treaty Organization (CSTO) held an exercise in Kyrgyzstan in 2012.
          cites: [1]
          topics: [exercises]
          card:
            front: When and where did the CSTO hold the exercise?
            back: In Kyrgyzstan, in 2012.
          questions:
            - id: year
              kind: typed
              prompt: In which year did the CSTO hold the exercise?
              answer: "2012"
              accept: [twenty twelve]
              explanation: The article dates the exercise to 2012.
            - id: organisation
              kind: fill-blank
              prompt: The exercise in Kyrgyzstan was held by the ____.
              answer: CSTO
              accept: [Collective Security Treaty Organization]
              explanation: The CSTO held it.
            - id: country
              kind: multiple-choice
              prompt: Where was the exercise held?
              answer: Kyrgyzstan
              distractors: [Kazakhstan, Tajikistan]
              explanation: It was held in Kyrgyzstan.
            - id: in-kazakhstan
              kind: true-false
              prompt: The exercise was held in Kazakhstan.
              answer: false
              explanation: It was held in Kyrgyzstan.
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "quizbot-try-tests", Guid.NewGuid().ToString("N"));

    public ContentTryTests()
    {
        var deck = Path.Combine(_root, "try-deck");
        Directory.CreateDirectory(Path.Combine(deck, "facts"));
        File.WriteAllText(Path.Combine(deck, "article.txt"), Article);
        File.WriteAllText(Path.Combine(deck, "deck.yaml"), Manifest);
        File.WriteAllText(Path.Combine(deck, "facts", "01-exercise.yaml"), Facts);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("year", "2012", "right: exact")]
    [InlineData("year", "in 2012", "right: rule: leading preposition")]
    [InlineData("year", "twenty twelve", "right: an accepted answer")]
    [InlineData("organisation", "C.S.T.O.", "right: rule: acronym with dots")]
    [InlineData("organisation", "CSTO (Collective Security Treaty Organization)", "right: rule: name with its acronym in brackets")]
    [InlineData("organisation", "Collective Security Treaty Organisation", "right: a forgiven typo")]
    public void A_right_answer_exits_0_and_says_why(string id, string answer, string why)
    {
        var run = Try(id, answer);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(why, run.OutputLines[^1]);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("year", "2019", "wrong: no match")]
    [InlineData("year", "in 2019", "wrong: no match")]
    [InlineData("year", "  ", "wrong: nothing typed")]
    [InlineData("organisation", "SCO", "wrong: no match")]
    public void A_wrong_answer_exits_1_and_says_why(string id, string answer, string why)
    {
        var run = Try(id, answer);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(why, run.OutputLines[^1]);
    }

    [Fact]
    public void The_output_shows_the_prompt_the_answer_and_the_accepted_answers()
    {
        var run = Try("year", "2012");

        Assert.Equal(
            ["question: In which year did the CSTO hold the exercise?", "answer: 2012", "also accepted: twenty twelve", "right: exact"],
            run.OutputLines);
    }

    [Theory]
    [InlineData("country", "Kyrgyzstan", 0, "right: exact")]
    [InlineData("country", "kazakhstan", 1, "wrong: no match")]
    [InlineData("country", "Mongolia", 1, "wrong: not one of the choices")]
    [InlineData("in-kazakhstan", "false", 0, "right: exact")]
    [InlineData("in-kazakhstan", "TRUE", 1, "wrong: no match")]
    public void Choices_are_judged_by_their_text(string id, string answer, int exitCode, string why)
    {
        var run = Try(id, answer);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(why, run.OutputLines[^1]);
    }

    [Fact]
    public void An_unknown_question_exits_2_with_a_suggestion()
    {
        var run = Try("organisaton", "CSTO");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(["no question has the id 'organisaton'; did you mean 'organisation'?"], run.ErrorLines);
    }

    [Fact]
    public void An_id_like_none_exits_2_without_a_suggestion()
    {
        var run = Try("zzzzzzzzzzzzzzzzzzzz", "2012");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["no question has the id 'zzzzzzzzzzzzzzzzzzzz'"], run.ErrorLines);
    }

    [Fact]
    public void The_real_deck_can_be_probed()
    {
        var deck = Assert.Single(QuizBot.Core.Decks.DeckLoader.LoadAll(RepositoryPaths.Content).Decks);
        var year = deck.Questions.First(q => q.Kind is QuizBot.Core.Decks.QuestionKind.Typed or QuizBot.Core.Decks.QuestionKind.FillBlank && q.Answer.Length == 4 && q.Answer.All(char.IsDigit));

        var run = CliRun.Content("try", year.Id, "in " + year.Answer, "--content", RepositoryPaths.Content);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("right: rule: leading preposition", run.OutputLines[^1]);
    }

    private CliRun Try(string id, string answer) => CliRun.Content("try", id, answer, "--content", _root);
}
