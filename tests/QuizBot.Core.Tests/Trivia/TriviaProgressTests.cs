using QuizBot.Core.Decks;
using QuizBot.Core.Tests.Fakes;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

/// <summary>What a game's driver does next, from the stored state alone: the same after a restart as before it.</summary>
public sealed class TriviaProgressTests
{
    private static readonly DateTimeOffset Start = StoredGame.Start;
    private static readonly TriviaTiming Timing = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
    private readonly Deck deck = TestDecks.Build(6);

    [Fact]
    public void An_open_round_waits_for_its_deadline_then_closes()
    {
        var game = new StoredGame(deck);

        Assert.Equal(new TriviaStep.Wait(Start.AddSeconds(20)), Next(game, Start.AddSeconds(5)));
        Assert.Equal(new TriviaStep.CloseRound(0), Next(game, Start.AddSeconds(20)));
    }

    [Fact]
    public void A_closed_round_is_revealed_then_the_next_one_opens_and_its_question_is_posted()
    {
        var game = new StoredGame(deck);
        var deadline = Start.AddSeconds(20);

        game.Close(0, deadline);
        Assert.Equal(new TriviaStep.PostReveal(0), Next(game, deadline));
        game.Revealed(0, deadline);
        Assert.Equal(new TriviaStep.OpenRound(1), Next(game, deadline));
        game.Open(1, deadline, messageId: null);
        Assert.Equal(new TriviaStep.PostQuestion(1), Next(game, deadline));
        game.Open(1, deadline, messageId: 901);
        Assert.Equal(new TriviaStep.Wait(deadline.AddSeconds(20)), Next(game, deadline.AddSeconds(1)));
    }

    [Fact]
    public void A_deadline_that_passed_while_the_bot_was_down_is_closed_and_revealed_within_the_grace()
    {
        var game = new StoredGame(deck);

        // Down from second 10 to a minute past the deadline: still within the two-minute grace.
        Assert.Equal(new TriviaStep.CloseRound(0), Next(game, Start.AddSeconds(80)));
    }

    [Fact]
    public void A_game_left_longer_than_the_grace_ends_with_the_standings_so_far()
    {
        var waiting = new StoredGame(deck);
        var betweenRounds = new StoredGame(deck);
        betweenRounds.Close(0, Start.AddSeconds(20)).Revealed(0, Start.AddSeconds(20));
        var closedNotRevealed = new StoredGame(deck);
        closedNotRevealed.Close(0, Start.AddSeconds(20));

        Assert.Equal(new TriviaStep.End(TriviaEndReason.Unattended), Next(waiting, Start.AddSeconds(20) + Timing.Grace + TimeSpan.FromSeconds(1)));
        Assert.Equal(new TriviaStep.End(TriviaEndReason.Unattended), Next(betweenRounds, Start.AddSeconds(20) + Timing.Grace + TimeSpan.FromSeconds(1)));
        Assert.Equal(new TriviaStep.End(TriviaEndReason.Unattended), Next(closedNotRevealed, Start.AddSeconds(20) + Timing.Grace + TimeSpan.FromSeconds(1)));
        Assert.Equal(new TriviaStep.PostReveal(0), Next(closedNotRevealed, Start.AddSeconds(20) + Timing.Grace));

        // Ending closed the open round: it is revealed with its presses, then the standings go out, then the token is deleted.
        waiting.End(TriviaEndReason.Unattended, Start.AddMinutes(3));
        Assert.Equal(new TriviaStep.PostReveal(0), Next(waiting, Start.AddMinutes(3)));
        waiting.Revealed(0, Start.AddMinutes(3));
        Assert.Equal(new TriviaStep.PostStandings(), Next(waiting, Start.AddMinutes(3)));
        waiting.With(g => g with { StandingsPosted = true });
        Assert.Equal(new TriviaStep.Finish(), Next(waiting, Start.AddMinutes(3)));
        waiting.With(g => g with { InteractionToken = null });
        Assert.Equal(new TriviaStep.Done(), Next(waiting, Start.AddMinutes(3)));
        Assert.Null(TriviaProgress.WakeAt(waiting.State, Start.AddMinutes(3), Timing));
    }

    [Fact]
    public void A_game_is_wrapped_up_before_its_token_expires_and_after_expiry_the_standings_go_to_the_channel()
    {
        var game = new StoredGame(deck);
        var expires = Start + TriviaRules.TokenLifetime;

        Assert.Equal(new TriviaStep.End(TriviaEndReason.TokenExpired), Next(game, expires - TimeSpan.FromSeconds(30)));
        game.End(TriviaEndReason.TokenExpired, expires - TimeSpan.FromSeconds(30));
        Assert.Equal(new TriviaStep.PostReveal(0), Next(game, expires - TimeSpan.FromSeconds(29)));
        Assert.Equal(new TriviaStep.PostStandingsInChannel(), Next(game, expires));
    }

    [Fact]
    public void A_wait_never_runs_past_the_moment_the_game_must_be_wrapped_up()
    {
        var game = new StoredGame(deck, seconds: 60);
        var wrapUp = Start + TriviaRules.TokenLifetime - Timing.TokenMargin;
        game.Open(0, wrapUp - TimeSpan.FromSeconds(10));

        Assert.Equal(new TriviaStep.Wait(wrapUp), Next(game, wrapUp - TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void The_last_rounds_close_ends_the_game_and_a_stopped_game_posts_its_reveal_but_not_the_standings_again()
    {
        var played = new StoredGame(deck, questions: 1);
        played.Close(0, Start.AddSeconds(20));
        Assert.Equal(new TriviaStep.PostReveal(0), Next(played, Start.AddSeconds(20)));
        played.Revealed(0, Start.AddSeconds(20));
        Assert.Equal(new TriviaStep.PostStandings(), Next(played, Start.AddSeconds(20)));

        var stopped = new StoredGame(deck).End(TriviaEndReason.Stopped, Start.AddSeconds(5), "Ann").With(g => g with { StandingsPosted = true });
        Assert.Equal(new TriviaStep.PostReveal(0), Next(stopped, Start.AddSeconds(5)));
        stopped.Revealed(0, Start.AddSeconds(5));
        Assert.Equal(new TriviaStep.Finish(), Next(stopped, Start.AddSeconds(5)));
    }

    [Fact]
    public void Wake_time_is_now_for_any_step_and_the_deadline_for_a_wait()
    {
        var game = new StoredGame(deck);

        Assert.Equal(Start.AddSeconds(20), TriviaProgress.WakeAt(game.State, Start, Timing));
        Assert.Equal(Start.AddSeconds(21), TriviaProgress.WakeAt(game.State, Start.AddSeconds(21), Timing));
    }

    [Fact]
    public void A_question_claimed_by_an_earlier_tenure_is_not_posted_again_but_the_claiming_tenure_may_retry_it()
    {
        var game = new StoredGame(deck);
        var deadline = Start.AddSeconds(20);
        game.Close(0, deadline).Revealed(0, deadline).Open(1, deadline, messageId: null);
        game.With(g => g with { LeaseEpoch = 3 });
        game.Claim(1, epoch: 3);

        Assert.Equal(new TriviaStep.PostQuestion(1), Next(game, deadline.AddSeconds(1)));

        // Tenure 3 stalled mid-post; tenure 4 holds the lease now: it waits for the deadline instead of posting.
        game.With(g => g with { LeaseEpoch = 4 });
        Assert.Equal(new TriviaStep.Wait(deadline.AddSeconds(20)), Next(game, deadline.AddSeconds(1)));
    }

    [Fact]
    public void Standings_claimed_by_an_earlier_tenure_count_as_posted_through_the_token_or_in_the_channel()
    {
        var game = new StoredGame(deck, questions: 1);
        game.Close(0, Start.AddSeconds(20)).Revealed(0, Start.AddSeconds(20));
        game.With(g => g with { LeaseEpoch = 2, StandingsClaim = 2 });
        Assert.Equal(new TriviaStep.PostStandings(), Next(game, Start.AddSeconds(21)));
        Assert.Equal(new TriviaStep.PostStandingsInChannel(), Next(game, Start + TriviaRules.TokenLifetime));

        game.With(g => g with { LeaseEpoch = 3 });

        Assert.Equal(new TriviaStep.Finish(), Next(game, Start.AddSeconds(21)));
        Assert.Equal(new TriviaStep.Finish(), Next(game, Start + TriviaRules.TokenLifetime));
    }

    private static TriviaStep Next(StoredGame game, DateTimeOffset now) => TriviaProgress.Next(game.State, now, Timing);
}
