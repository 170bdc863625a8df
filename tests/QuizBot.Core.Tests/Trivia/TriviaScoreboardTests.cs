using QuizBot.Core.Decks;
using QuizBot.Core.Tests.Fakes;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

public sealed class TriviaScoreboardTests
{
    private readonly Deck deck = TestDecks.Build(6);

    [Fact]
    public void The_reveal_names_the_right_choice_who_got_it_most_points_then_fastest_first_and_cites_the_source()
    {
        var game = new StoredGame(deck)
            .Press(0, "Ben", correct: true, afterSeconds: 8)
            .Press(0, "Cy", correct: false, afterSeconds: 9)
            .Press(0, "Ann", correct: true, afterSeconds: 9);
        game.Close(0, StoredGame.Start.AddSeconds(20));
        var question = game.Question(0);
        var right = game.Right(0);

        var reveal = game.Board.Reveal(game.State, 0);

        Assert.Equal(0, reveal.Question.Index);
        Assert.Equal(question.Question.Kind == QuestionKind.TrueFalse ? question.Choices[right] : TriviaScoreboard.Letter(right), reveal.RightLabel);
        Assert.Equal(question.Choices[right], reveal.RightChoice);
        Assert.Equal(["Ben", "Ann"], reveal.RightAnswers.Select(h => h.DisplayName));
        Assert.Equal(TimeSpan.FromSeconds(8), reveal.RightAnswers[0].Elapsed);
        Assert.Equal(3, reveal.Answered);
        Assert.Equal(new CitationFormatter(deck).Cite(question.Fact), reveal.Citations);
        Assert.False(reveal.IsLast);
        Assert.False(reveal.Stopped);
    }

    [Fact]
    public void Streaks_count_right_answers_in_a_row_and_a_wrong_or_missing_answer_ends_them()
    {
        var game = new StoredGame(deck, questions: 4);
        game.Press(0, "Ann", true, 1).Press(0, "Ben", true, 2).PlayRound(0);
        game.Press(1, "Ann", true, 1).Press(1, "Ben", false, 2).PlayRound(1);
        game.Press(2, "Ann", true, 1).Press(2, "Ben", true, 2).PlayRound(2);
        game.Press(3, "Ben", true, 1).PlayRound(3);

        var third = game.Board.Reveal(game.State, 2);
        var last = game.Board.Reveal(game.State, 3);
        var result = TriviaScoreboard.Result(game.State);

        Assert.Equal([("Ann", 3), ("Ben", 1)], third.RightAnswers.Select(h => (h.DisplayName, h.Streak)));
        Assert.Equal([("Ben", 2)], last.RightAnswers.Select(h => (h.DisplayName, h.Streak)));
        Assert.True(last.IsLast);
        var ann = result.Standings.Single(s => s.DisplayName == "Ann");
        var ben = result.Standings.Single(s => s.DisplayName == "Ben");
        Assert.Equal((0, 3, 3, 3), (ann.Streak, ann.BestStreak, ann.Correct, ann.Answered));
        Assert.Equal((2, 2, 3, 4), (ben.Streak, ben.BestStreak, ben.Correct, ben.Answered));
        Assert.Equal(4, result.Asked);
        Assert.Equal(TriviaEndReason.Completed, result.Reason);
    }

    [Fact]
    public void Standings_rank_by_points_then_right_answers_and_equal_points_share_a_rank()
    {
        var game = new StoredGame(deck, questions: 3)
            .Press(0, "Ann", true, 0).Press(0, "Ben", true, 0).Press(0, "Cy", false, 0).PlayRound(0)
            .Press(1, "Ben", true, 10).PlayRound(1);

        var result = TriviaScoreboard.Result(game.State);

        Assert.Equal(["Ben", "Ann", "Cy"], result.Standings.Select(s => s.DisplayName));
        Assert.Equal([1, 2, 3], result.Standings.Select(s => s.Rank));
        Assert.Equal(0, result.Standings[2].Points);

        var tied = new StoredGame(deck).Press(0, "Ann", true, 0).Press(0, "Ben", true, 0).PlayRound(0);
        Assert.Equal([1, 1], TriviaScoreboard.Result(tied.State).Standings.Select(s => s.Rank));
    }

    [Fact]
    public void Presses_in_a_round_not_closed_yet_are_not_in_the_standings()
    {
        var game = new StoredGame(deck).Press(0, "Ann", true, 1).PlayRound(0).Press(1, "Ben", true, 1);

        var result = TriviaScoreboard.Result(game.State);

        Assert.Equal(["Ann"], result.Standings.Select(s => s.DisplayName));
        Assert.Equal(2, result.Asked);
    }

    [Fact]
    public void A_stopped_game_reveals_its_current_question_as_stopped_and_last()
    {
        var game = new StoredGame(deck).PlayRound(0).Press(1, "Ann", true, 3);
        game.End(TriviaEndReason.Stopped, StoredGame.Start.AddSeconds(25), "Mod");

        var reveal = game.Board.Reveal(game.State, 1);
        var result = TriviaScoreboard.Result(game.State);

        Assert.True(reveal.Stopped);
        Assert.True(reveal.IsLast);
        Assert.Single(reveal.RightAnswers);
        Assert.Equal((TriviaEndReason.Stopped, "Mod", 2), (result.Reason, result.StoppedBy, result.Asked));
    }
}
