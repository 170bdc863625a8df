using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Tests.Terminal;

public sealed class TerminalVerbTests : IDisposable
{
    private static readonly PlayerKey Tester = new(PlayerKey.LocalScope, "tester");
    private readonly TerminalHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Play_runs_a_whole_quiz_and_every_reveal_cites_its_source()
    {
        ScreenReadingPlayer? player = null;
        var (code, error) = await harness.RunAsync(screen => player = new ScreenReadingPlayer(screen, harness.Deck, _ => true), "play", "--length", "25");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var screen = harness.Screen.ToString();
        Assert.Equal(25, player!.Asked.Count);
        Assert.Equal(4, player.Asked.Select(q => q.Kind).Distinct().Count());
        for (var i = 1; i <= 25; i++)
        {
            Assert.Contains($"Question {i}/25", screen, StringComparison.Ordinal);
        }

        var citations = new CitationFormatter(harness.Deck);
        foreach (var question in player.Asked)
        {
            var fact = harness.Deck.Facts.Single(f => f.Id == question.FactId);
            foreach (var citation in citations.Cite(fact))
            {
                Assert.Contains(citation.Text + Environment.NewLine, screen, StringComparison.Ordinal);
                if (citation.Url is { } url)
                {
                    Assert.Contains("  " + url, screen, StringComparison.Ordinal);
                }
            }
        }

        Assert.Matches(@"Source \[\d\] — "".+"", .+ \(accessed \d\d\.\d\d\.\d{4}\)", screen);
        Assert.Contains("Score 25/25 · accuracy 100%", screen, StringComparison.Ordinal);
        Assert.Contains("rank #1", screen, StringComparison.Ordinal);

        using var store = harness.OpenStore();
        var seen = await store.Quizzes.GetSeenCountsAsync(Tester);
        Assert.Equal(player.Asked.Select(q => q.Id).Order(), seen.Keys.Order());
    }

    [Fact]
    public async Task Review_replays_the_misses_and_a_right_answer_clears_them()
    {
        ScreenReadingPlayer? first = null;
        await harness.RunAsync(screen => first = new ScreenReadingPlayer(screen, harness.Deck, i => i != 1), "play", "--length", "3");
        Assert.Contains("Score 2/3", harness.Screen.ToString(), StringComparison.Ordinal);

        ScreenReadingPlayer? review = null;
        var (code, _) = await harness.RunAsync(screen => review = new ScreenReadingPlayer(screen, harness.Deck, _ => true), "review");
        Assert.Equal(0, code);
        Assert.Equal([first!.Asked[1].Id], review!.Asked.Select(q => q.Id));
        Assert.Contains("Question 1/1", harness.Screen.ToString(), StringComparison.Ordinal);
        Assert.Contains("Score 1/1", harness.Screen.ToString(), StringComparison.Ordinal);

        var (again, _) = await harness.RunAsync(_ => new ScriptedInput(), "review");
        Assert.Equal(0, again);
        Assert.Contains("Nothing to review", harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_quiz_resumes_where_it_stopped()
    {
        await harness.RunAsync(screen => new ScreenReadingPlayer(screen, harness.Deck, _ => true, quitAfter: 1), "play", "--length", "3");
        Assert.Contains("Your answers so far are saved", harness.Screen.ToString(), StringComparison.Ordinal);

        ScreenReadingPlayer? resumed = null;
        var (code, _) = await harness.RunAsync(screen => resumed = new ScreenReadingPlayer(screen, harness.Deck, _ => true), "play", "--resume");
        var screenText = harness.Screen.ToString();
        Assert.Equal(0, code);
        Assert.Contains("Continuing your quiz", screenText, StringComparison.Ordinal);
        Assert.DoesNotContain("Question 1/3", screenText, StringComparison.Ordinal);
        Assert.Contains("Question 3/3", screenText, StringComparison.Ordinal);
        Assert.Equal(2, resumed!.Asked.Count);
        Assert.Contains("Score 3/3", screenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_choices_are_asked_again_without_changing_anything()
    {
        // Out-of-range and non-numeric choices for a choice question, blank lines for a typed one; then skip.
        var (code, _) = await harness.RunAsync(
            screen => new ScreenDependentInput(() => screen.ToString().Contains("Choose 1-", StringComparison.Ordinal) ? ["9", "0", "abc", "", "s"] : ["", "   ", "s"]),
            "play",
            "--length",
            "1");
        var screen = harness.Screen.ToString();
        Assert.Equal(0, code);
        var reasks = screen.Split("Type a number from 1 to").Length - 1 + screen.Split("Type an answer, s to skip").Length - 1;
        Assert.True(reasks >= 2, $"expected the question to be asked again, got {reasks} re-asks");
        Assert.Contains("Skipped. The answer:", screen, StringComparison.Ordinal);
        Assert.Contains("Score 0/1", screen, StringComparison.Ordinal);

        using var store = harness.OpenStore();
        Assert.Empty(await store.Quizzes.GetSeenCountsAsync(Tester));
    }

    [Theory]
    [InlineData("--length", "30", "1 to 25")]
    [InlineData("--topic", "weather", "There is no topic \"weather\"")]
    public async Task Bad_quiz_settings_get_a_clear_message_and_exit_code_2(string option, string value, string message)
    {
        var (code, _) = await harness.RunAsync(_ => new ScriptedInput(), "play", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Study_shows_front_then_back_with_citation_and_previews_and_stores_the_rating()
    {
        var (code, _) = await harness.RunAsync(_ => new ScriptedInput("", "good", "q"), "study");
        var screen = harness.Screen.ToString();
        Assert.Equal(0, code);

        using var store = harness.OpenStore();
        var card = Assert.Single(await store.Study.GetCardsAsync(Tester)).Value;
        var fact = harness.Deck.Facts.Single(f => f.Id == card.CardId);
        var front = screen.IndexOf(fact.Card.Front, StringComparison.Ordinal);
        var back = screen.IndexOf(fact.Card.Back, StringComparison.Ordinal);
        Assert.InRange(front, 0, back - 1);
        foreach (var citation in new CitationFormatter(harness.Deck).Cite(fact))
        {
            Assert.Contains(citation.Text, screen[back..], StringComparison.Ordinal);
        }

        Assert.Contains("1 Again (1m)   2 Hard (6m)   3 Good (10m)   4 Easy (8d)", screen, StringComparison.Ordinal);
        Assert.Contains("Next review of this card in 10m.", screen, StringComparison.Ordinal);
        Assert.Contains("done today 1", screen, StringComparison.Ordinal);
        Assert.Equal(card.LastReview!.Value.AddMinutes(10), card.Due);
    }

    [Fact]
    public async Task Study_with_an_unknown_topic_says_so()
    {
        var (code, _) = await harness.RunAsync(_ => new ScriptedInput(), "study", "--topic", "weather");
        Assert.Equal(2, code);
        Assert.Contains("There is no topic", harness.Screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_deck_is_refused_with_the_deck_list()
    {
        var (code, error) = await harness.RunAsync(_ => new ScriptedInput(), "play", "--deck", "nope");
        Assert.Equal(2, code);
        Assert.Contains(harness.Deck.Id, error, StringComparison.Ordinal);
    }
}
