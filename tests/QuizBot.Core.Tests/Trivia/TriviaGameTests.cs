using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Tests.Fakes;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

public sealed class TriviaGameTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 18, 0, 0, TimeSpan.Zero);
    private static readonly PlayerKey Ann = new("guild-1", "111");
    private static readonly PlayerKey Ben = new("guild-1", "222");
    private static readonly PlayerKey Cy = new("guild-1", "333");
    private readonly FakeTimeProvider time = new(Start);
    private readonly Deck deck = TestDecks.Build(6);

    [Fact]
    public void A_game_asks_only_button_questions_without_repeats_each_fact_once_before_any_again()
    {
        var game = NewGame(questions: 12);

        var asked = Play(game).Select(q => q.Question).ToList();

        Assert.Equal(12, asked.Count);
        Assert.All(asked, q => Assert.True(q.Kind is QuestionKind.MultipleChoice or QuestionKind.TrueFalse, q.Id));
        Assert.Equal(12, asked.Select(q => q.Id).Distinct().Count());
        Assert.Equal(6, asked.Take(6).Select(q => q.FactId).Distinct().Count());
    }

    [Fact]
    public void The_default_game_has_ten_questions_of_twenty_seconds()
    {
        var setup = TriviaGame.Create("g1", deck, null, null, null, 5, time);

        Assert.True(setup.Started, setup.Error);
        Assert.Equal(10, setup.Game!.Total);
        Assert.Equal(TimeSpan.FromSeconds(20), setup.Game.TimeLimit);
        Assert.Equal(Start.AddSeconds(20), setup.Game.Current!.Deadline);
        Assert.Null(setup.Notice);
    }

    [Fact]
    public void The_same_seed_gives_the_same_questions_and_choice_order_and_other_seeds_differ()
    {
        var first = Play(NewGame(seed: 42)).Select(Describe).ToList();
        var again = Play(NewGame(seed: 42)).Select(Describe).ToList();
        var others = Enumerable.Range(1, 5).Select(seed => Play(NewGame(seed: seed)).Select(Describe).ToList()).ToList();

        Assert.Equal(first, again);
        Assert.Contains(others, other => !other.SequenceEqual(first));
    }

    [Fact]
    public void A_topic_limits_the_questions_and_a_short_pool_shortens_the_game_with_a_notice()
    {
        var setup = TriviaGame.Create("g1", deck, "EVEN", 10, 20, 3, time);

        Assert.True(setup.Started, setup.Error);
        Assert.Equal("even", setup.Game!.Topic);
        Assert.Equal(6, setup.Game.Total);
        Assert.Contains("Only 6", setup.Notice, StringComparison.Ordinal);
        Assert.All(Play(setup.Game), q => Assert.Contains("even", q.Fact.Topics));
    }

    [Theory]
    [InlineData(null, 0, 20, "1 to 20 questions")]
    [InlineData(null, 21, 20, "1 to 20 questions")]
    [InlineData(null, 5, 9, "10 to 60 seconds")]
    [InlineData(null, 5, 61, "10 to 60 seconds")]
    [InlineData("nope", 5, 20, "There is no topic \"nope\"")]
    public void Bad_settings_are_refused_with_a_reason(string? topic, int questions, int seconds, string reason)
    {
        var setup = TriviaGame.Create("g1", deck, topic, questions, seconds, 1, time);

        Assert.False(setup.Started);
        Assert.Null(setup.Game);
        Assert.Contains(reason, setup.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deck_without_button_questions_cannot_start_a_game()
    {
        var typedOnly = deck with { Facts = deck.Facts.Select(f => f with { Questions = f.Questions.Where(q => q.Kind == QuestionKind.Typed).ToList() }).ToList() };

        var setup = TriviaGame.Create("g1", typedOnly, null, 5, 20, 1, time);

        Assert.False(setup.Started);
        Assert.Contains("no multiple-choice or true/false", setup.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_game_longer_than_the_token_lasts_is_cut_and_says_so()
    {
        var big = TestDecks.Build(30);

        var cut = TriviaGame.Create("g1", big, null, 20, 60, 1, time);
        var fits = TriviaGame.Create("g2", big, null, 20, 42, 1, time);

        Assert.Equal(14, cut.Game!.Total);
        Assert.Contains("Cut to 14 questions", cut.Notice, StringComparison.Ordinal);
        Assert.Equal(20, fits.Game!.Total);
        Assert.Null(fits.Notice);
    }

    [Fact]
    public void Faster_right_answers_score_more_and_wrong_answers_score_nothing()
    {
        var game = NewGame();
        var question = game.Current!;
        var right = RightPosition(question);

        var fast = game.Answer(Ann, "Ann", 0, right);
        time.Advance(TimeSpan.FromSeconds(10));
        var half = game.Answer(Ben, "Ben", 0, right);
        time.Advance(TimeSpan.FromSeconds(9.9));
        var wrong = game.Answer(Cy, "Cy", 0, WrongPosition(question));

        var full = ScoringRulesBase(question);
        Assert.Equal(full, fast.Record!.Points);
        Assert.Equal(TriviaRules.PointsFor(question.Question.Kind, true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), half.Record!.Points);
        Assert.True(half.Record.Points < fast.Record.Points);
        Assert.False(wrong.Record!.Correct);
        Assert.Equal(0, wrong.Record.Points);
    }

    [Fact]
    public void Only_the_first_answer_of_a_member_counts()
    {
        var game = NewGame();
        var question = game.Current!;

        var first = game.Answer(Ann, "Ann", 0, WrongPosition(question));
        var second = game.Answer(Ann, "Ann", 0, RightPosition(question));

        Assert.Equal(TriviaAnswerStatus.Accepted, first.Status);
        Assert.Equal(TriviaAnswerStatus.AlreadyAnswered, second.Status);
        Assert.Equal(first.ChoiceLabel, second.ChoiceLabel);
        Assert.Null(second.Record);
        var standing = Assert.Single(game.Standings());
        Assert.Equal((0, 0, 1), (standing.Points, standing.Correct, standing.Answered));
    }

    [Fact]
    public void Answers_at_or_after_the_deadline_are_refused()
    {
        var game = NewGame();
        var right = RightPosition(game.Current!);

        time.Advance(TimeSpan.FromSeconds(20));
        var late = game.Answer(Ann, "Ann", 0, right);

        Assert.True(game.IsDue);
        Assert.Equal(TriviaAnswerStatus.TooLate, late.Status);
        Assert.Empty(game.Standings());
    }

    [Fact]
    public void Presses_on_an_earlier_a_later_or_an_unknown_choice_change_nothing()
    {
        var game = NewGame();
        game.CloseQuestion();

        Assert.Equal(TriviaAnswerStatus.TooLate, game.Answer(Ann, "Ann", 0, 0).Status);
        Assert.Equal(TriviaAnswerStatus.Invalid, game.Answer(Ann, "Ann", 2, 0).Status);
        Assert.Equal(TriviaAnswerStatus.Invalid, game.Answer(Ann, "Ann", 1, 9).Status);
        Assert.Equal(TriviaAnswerStatus.Invalid, game.Answer(Ann, "Ann", 1, -1).Status);
        Assert.Empty(game.Standings());
        Assert.Equal(TriviaAnswerStatus.Accepted, game.Answer(Ann, "Ann", 1, 0).Status);
    }

    [Fact]
    public void An_accepted_answer_comes_with_the_record_and_the_players_session_to_store()
    {
        var game = NewGame(questions: 2);
        var first = game.Current!;
        time.Advance(TimeSpan.FromSeconds(3));

        var result = game.Answer(Ann, "Ann", 0, RightPosition(first));

        var record = result.Record!;
        Assert.Equal("trivia:g1:111", record.SessionId);
        Assert.Equal((Ann, "Ann", 0, first.Question.Id, first.Fact.Id), (record.Player, record.DisplayName, record.QuestionIndex, record.QuestionId, record.FactId));
        Assert.Equal(QuizMode.Trivia, record.Mode);
        Assert.True(record.Correct);
        Assert.Equal(Start.AddSeconds(3), record.AnsweredAt);
        var session = result.SessionAfter!;
        Assert.Equal((record.SessionId, QuizMode.Trivia, 1, 1, 1, record.Points), (session.Id, session.Mode, session.Position, session.Answered, session.Correct, session.Points));
        Assert.Equal(2, session.QuestionIds.Count);
        Assert.Null(session.FinishedAt);

        time.Advance(TimeSpan.FromSeconds(20));
        game.CloseQuestion();
        var last = game.Answer(Ann, "Ann", 1, WrongPosition(game.Current!));
        Assert.Equal((2, 2, 1), (last.SessionAfter!.Position, last.SessionAfter.Answered, last.SessionAfter.Correct));
        Assert.Equal(time.GetUtcNow(), last.SessionAfter.FinishedAt);
    }

    [Fact]
    public void The_reveal_names_the_right_choice_who_got_it_fastest_first_and_cites_the_source()
    {
        var game = NewGame();
        var question = game.Current!;
        var right = RightPosition(question);
        time.Advance(TimeSpan.FromSeconds(8));
        game.Answer(Ben, "Ben", 0, right);
        time.Advance(TimeSpan.FromSeconds(1));
        game.Answer(Cy, "Cy", 0, WrongPosition(question));
        game.Answer(Ann, "Ann", 0, right);
        time.Advance(TimeSpan.FromSeconds(11));

        var reveal = game.CloseQuestion()!;

        Assert.Equal(0, reveal.Question.Index);
        Assert.Equal(question.Question.Kind == QuestionKind.TrueFalse ? question.Choices[right] : TriviaGame.Letter(right), reveal.RightLabel);
        Assert.Equal(question.Choices[right], reveal.RightChoice);
        Assert.Equal(["Ben", "Ann"], reveal.RightAnswers.Select(h => h.DisplayName));
        Assert.True(reveal.RightAnswers[0].Points >= reveal.RightAnswers[1].Points);
        Assert.Equal(TimeSpan.FromSeconds(8), reveal.RightAnswers[0].Elapsed);
        Assert.Equal(3, reveal.Answered);
        Assert.Equal(new CitationFormatter(deck).Cite(question.Fact), reveal.Citations);
        Assert.False(reveal.IsLast);
        Assert.False(reveal.Stopped);
    }

    [Fact]
    public void Closing_a_question_starts_the_next_one_now_with_a_fresh_deadline_and_fresh_answers()
    {
        var game = NewGame();
        game.Answer(Ann, "Ann", 0, 0);
        time.Advance(TimeSpan.FromSeconds(25));

        game.CloseQuestion();

        Assert.Equal(1, game.CurrentIndex);
        Assert.Equal(time.GetUtcNow().AddSeconds(20), game.Current!.Deadline);
        Assert.False(game.IsDue);
        Assert.Equal(TriviaAnswerStatus.Accepted, game.Answer(Ann, "Ann", 1, 0).Status);
    }

    [Fact]
    public void After_the_last_question_the_game_is_over()
    {
        var game = NewGame(questions: 2);
        game.CloseQuestion();

        var last = game.CloseQuestion()!;

        Assert.True(last.IsLast);
        Assert.True(game.IsFinished);
        Assert.False(game.IsDue);
        Assert.Null(game.Current);
        Assert.Null(game.CloseQuestion());
        Assert.Null(game.Stop());
        Assert.Equal(TriviaAnswerStatus.GameOver, game.Answer(Ann, "Ann", 1, 0).Status);
    }

    [Fact]
    public void Stopping_reveals_the_current_question_and_ends_the_game()
    {
        var game = NewGame();
        game.CloseQuestion();
        game.Answer(Ann, "Ann", 1, RightPosition(game.Current!));

        var reveal = game.Stop()!;

        Assert.True(reveal.Stopped);
        Assert.True(reveal.IsLast);
        Assert.Equal(1, reveal.Question.Index);
        Assert.Single(reveal.RightAnswers);
        Assert.True(game.IsFinished);
        Assert.Null(game.Stop());
    }

    [Fact]
    public void Standings_rank_by_points_then_right_answers_and_equal_points_share_a_rank()
    {
        var game = NewGame();
        var q0 = game.Current!;
        game.Answer(Ann, "Ann", 0, RightPosition(q0));
        game.Answer(Ben, "Ben", 0, RightPosition(q0));
        game.Answer(Cy, "Cy", 0, WrongPosition(q0));
        time.Advance(TimeSpan.FromSeconds(20));
        game.CloseQuestion();
        time.Advance(TimeSpan.FromSeconds(10));
        game.Answer(Ben, "Ben", 1, RightPosition(game.Current!));

        var standings = game.Standings();

        Assert.Equal(["Ben", "Ann", "Cy"], standings.Select(s => s.DisplayName));
        Assert.Equal([1, 2, 3], standings.Select(s => s.Rank));
        Assert.Equal((2, 2), (standings[0].Correct, standings[0].Answered));
        Assert.Equal(0, standings[2].Points);

        var tied = NewGame();
        tied.Answer(Ann, "Ann", 0, RightPosition(tied.Current!));
        tied.Answer(Ben, "Ben", 0, RightPosition(tied.Current!));
        Assert.Equal([1, 1], tied.Standings().Select(s => s.Rank));
    }

    private TriviaGame NewGame(int questions = 10, int seconds = 20, int seed = 7)
    {
        var setup = TriviaGame.Create("g1", deck, null, questions, seconds, seed, time);
        Assert.True(setup.Started, setup.Error);
        return setup.Game!;
    }

    /// <summary>Every question of the game, in order, closing each in turn.</summary>
    private static List<TriviaQuestion> Play(TriviaGame game)
    {
        var asked = new List<TriviaQuestion>();
        while (game.Current is { } current)
        {
            asked.Add(current);
            game.CloseQuestion();
        }

        return asked;
    }

    private static string Describe(TriviaQuestion q) => q.Question.Id + ":" + string.Join("|", q.Choices);

    private static int ScoringRulesBase(TriviaQuestion q) => QuizBot.Core.Scoring.ScoringRules.BasePoints(q.Question.Kind);

    private static int RightPosition(TriviaQuestion q) =>
        q.Question.Kind == QuestionKind.TrueFalse
            ? (AnswerJudge.IsTrue(q.Question) ? 0 : 1)
            : q.ChoiceOrder.ToList().IndexOf(AnswerJudge.RightChoiceIndex(q.Question));

    private static int WrongPosition(TriviaQuestion q) => RightPosition(q) == 0 ? 1 : 0;
}
