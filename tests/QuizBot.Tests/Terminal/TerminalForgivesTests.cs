using QuizBot.Cli;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Terminal;
using Spectre.Console;

namespace QuizBot.Tests.Terminal;

/// <summary>The terminal game forgives: Ctrl+C loses nothing, the next run offers to continue, answers are read generously.</summary>
public sealed class TerminalForgivesTests : IDisposable
{
    private static readonly PlayerKey Tester = new(PlayerKey.LocalScope, "tester");
    private readonly TerminalHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Ctrl_c_mid_quiz_keeps_the_answers_says_how_to_continue_and_the_next_play_offers_it()
    {
        ScreenReadingPlayer? first = null;
        var (code, _) = await harness.RunAsync(screen => new CtrlCAfter(1, first = new ScreenReadingPlayer(screen, harness.Deck, _ => true)), "play", "--length", "3");

        Assert.Equal(130, code);
        Assert.Contains($"Stopped with Ctrl+C at question 2/3. Your answers so far are saved: run `{CommandName.Current} play` to continue.", harness.Screen.ToString(), StringComparison.Ordinal);
        using (var store = harness.OpenStore())
        {
            Assert.Equal([first!.Asked[0].Id], (await store.Quizzes.GetSeenCountsAsync(Tester)).Keys);
        }

        ScreenReadingPlayer? resumed = null;
        (code, _) = await harness.RunAsync(screen => new ThenInput(resumed = new ScreenReadingPlayer(screen, harness.Deck, _ => true), string.Empty), "play");

        var screenText = harness.Screen.ToString();
        Assert.Equal(0, code);
        Assert.Contains("You have an unfinished quiz (question 2/3). Continue it? [Y/n]", screenText, StringComparison.Ordinal);
        Assert.Contains("Continuing your quiz", screenText, StringComparison.Ordinal);
        Assert.Equal(2, resumed!.Asked.Count);
        Assert.DoesNotContain(first.Asked[0], resumed.Asked);
        Assert.Contains("Score 3/3", screenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_to_continue_closes_the_unfinished_quiz_so_resume_finds_none()
    {
        await harness.RunAsync(screen => new ScreenReadingPlayer(screen, harness.Deck, _ => true, quitAfter: 1), "play", "--length", "3");

        // Decline the offer: one quiz is open per member, so the old one is closed and a new one of 2 is played.
        var (code, _) = await harness.RunAsync(screen => new ThenInput(new ScreenReadingPlayer(screen, harness.Deck, _ => true), "n"), "play", "--length", "2");
        Assert.Equal(0, code);
        Assert.Contains("Starting a new quiz; the unfinished one is closed, its unanswered questions counted as wrong.", harness.Screen.ToString(), StringComparison.Ordinal);
        Assert.Contains("Score 2/2", harness.Screen.ToString(), StringComparison.Ordinal);
        using (var store = harness.OpenStore())
        {
            Assert.Null(await store.Quizzes.GetOpenQuizAsync(Tester));
        }

        (code, _) = await harness.RunAsync(screen => new ScreenReadingPlayer(screen, harness.Deck, _ => true), "play", "--resume", "--length", "1");
        Assert.Equal(0, code);
        Assert.Contains("There is no unfinished quiz to continue; starting a new one.", harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_with_nothing_left_says_so_and_starts_a_new_quiz()
    {
        var (code, _) = await harness.RunAsync(screen => new ScreenReadingPlayer(screen, harness.Deck, _ => true), "play", "--resume", "--length", "1");

        Assert.Equal(0, code);
        Assert.Contains("There is no unfinished quiz to continue; starting a new one.", harness.Screen.ToString(), StringComparison.Ordinal);
        Assert.Contains("Score 1/1", harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("y", true)]
    [InlineData("f", false)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("maybe", null)]
    public void True_false_reads_words_as_well_as_numbers(string typed, bool? expected)
    {
        var question = harness.Deck.Questions.First(q => q.Kind == QuestionKind.TrueFalse);
        var fact = harness.Deck.Facts.Single(f => f.Id == question.FactId);
        foreach (var choices in new[] { new[] { "True", "False" }, ["False", "True"] })
        {
            var presented = new PresentedQuestion("s", 0, 1, question, fact, choices, [0, 1]);
            int? index = QuizTerminal.TrueFalseChoice(presented, typed);
            Assert.Equal(expected is { } truth ? Array.IndexOf(choices, truth ? "True" : "False") : null, index);
        }
    }

    [Fact]
    public async Task An_answer_accepted_despite_a_typo_says_what_was_written()
    {
        // Swap two letters in the middle of every typed answer long enough to forgive a typo.
        static string Typo(Question q) => q.Answer.Length >= 6 && q.Answer.All(char.IsLetter)
            ? string.Concat(q.Answer[..2], q.Answer[3].ToString(), q.Answer[2].ToString(), q.Answer[4..])
            : q.Answer;
        ScreenReadingPlayer? player = null;
        await harness.RunAsync(screen => player = new ScreenReadingPlayer(screen, harness.Deck, _ => true, typeRight: Typo), "play", "--length", "25");

        var screen = harness.Screen.ToString();
        var forgiven = player!.Asked.Where(q => q.Kind is QuestionKind.Typed or QuestionKind.FillBlank && Typo(q) != q.Answer
            && AnswerJudge.JudgeTyped(q, Typo(q)).Match == AnswerMatch.Typo).ToList();
        Assert.NotEmpty(forgiven);
        foreach (var question in forgiven)
        {
            Assert.Contains($"✅ Right (you wrote '{Typo(question)}') +", screen, StringComparison.Ordinal);
        }

        Assert.Contains("✅ Right! +", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_wrap_at_the_terminal_width_between_words_with_a_hanging_indent()
    {
        harness.WrapWidth = 40;
        ScreenReadingPlayer? player = null;
        await harness.RunAsync(screen => player = new ScreenReadingPlayer(screen, harness.Deck, _ => true), "play", "--length", "5");

        var lines = harness.Screen.ToString().ReplaceLineEndings("\n").Split('\n');
        var citations = new CitationFormatter(harness.Deck);
        foreach (var citation in player!.Asked.SelectMany(q => citations.Cite(harness.Deck.Facts.Single(f => f.Id == q.FactId))))
        {
            var start = Array.FindIndex(lines, l => citation.Text.StartsWith(l, StringComparison.Ordinal) && l.Length > 10);
            Assert.True(start >= 0, $"citation not on screen: {citation.Text}");
            var wrapped = lines[start..].TakeWhile((l, i) => i == 0 || (l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("  http", StringComparison.Ordinal))).ToList();
            Assert.All(wrapped, l => Assert.True(l.Length <= 40, $"line longer than 40: '{l}'"));
            Assert.Equal(citation.Text, string.Join(' ', wrapped.Select(l => l.Trim())));
            if (citation.Url is { } url)
            {
                Assert.Equal("  " + url, lines[start + wrapped.Count]);
            }
        }
    }

    [Fact]
    public void Wrapping_never_splits_a_word_longer_than_the_line()
    {
        Assert.Equal(["Source [4] —", "  https://example.org/a/very/long/path", "  end"], RevealWriter.Wrap("Source [4] — https://example.org/a/very/long/path end", 20));
        Assert.Equal(["short"], RevealWriter.Wrap("short", 20));
        Assert.Equal(["no width keeps it whole"], RevealWriter.Wrap("no width keeps it whole", null));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "1")]
    public void No_escape_codes_when_the_output_is_not_a_terminal_or_no_color_is_set(bool redirected, string? noColor)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(TerminalIo.ConsoleSettings(redirected, noColor, new AnsiConsoleOutput(output)));

        console.MarkupLine("[green]✅ Right![/] [bold]x[/]");

        Assert.Equal("✅ Right! x\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Right_and_wrong_are_coloured_where_colour_is_on()
    {
        harness.Colour = true;
        await harness.RunAsync(screen => new ScreenReadingPlayer(screen, harness.Deck, i => i == 0), "play", "--length", "2");

        var screen = harness.Screen.ToString();
        Assert.Contains("\u001b[32m✅ Right!", screen, StringComparison.Ordinal);
        Assert.Contains("\u001b[31m❌ Not quite.", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quitting_study_says_where_it_stopped_and_what_is_due_next()
    {
        var (code, _) = await harness.RunAsync(_ => new ScriptedInput("", "good", "q"), "study");

        Assert.Equal(0, code);
        var screen = harness.Screen.ToString();
        Assert.Contains("Stopped after 1 card this session (1 today), at \"", screen, StringComparison.Ordinal);
        Assert.Contains("Next card: due now (", screen, StringComparison.Ordinal);
        Assert.Contains($"Run `{CommandName.Current} study` to go on.", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_in_study_keeps_the_ratings_given()
    {
        var (code, _) = await harness.RunAsync(_ => new CtrlCAfter(3, new ScriptedInput("", "good", "")), "study");

        Assert.Equal(130, code);
        Assert.Contains("Stopped with Ctrl+C after 1 card this session", harness.Screen.ToString(), StringComparison.Ordinal);
        using var store = harness.OpenStore();
        Assert.Single(await store.Study.GetCardsAsync(Tester));
    }

    [Theory]
    [InlineData("play", "militray", "did you mean military-bases?")]
    [InlineData("study", "geografy", "did you mean geography?")]
    public async Task An_unknown_topic_suggests_the_nearest(string verb, string topic, string suggestion)
    {
        var (code, _) = await harness.RunAsync(_ => new ScriptedInput(), verb, "--topic", topic);

        Assert.Equal(2, code);
        Assert.Contains($"There is no topic \"{topic}\"; {suggestion} Topics: ", harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_line_says_what_accuracy_counts()
    {
        Assert.Equal(
            "Score 2/3 · accuracy 100% (2 right of 2 answered, 1 skipped) · 25 points · best streak 2 · rank #4",
            QuizTerminal.SummaryLine(new QuizSummary(Total: 3, Answered: 2, Correct: 2, Points: 25, BestStreak: 2), 4));
    }
}
