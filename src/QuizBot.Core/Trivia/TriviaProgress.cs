namespace QuizBot.Core.Trivia;

/// <summary>How long a game may go without its driver before it ends, and how close to its token's expiry a game is wrapped up.</summary>
public sealed record TriviaTiming(TimeSpan Grace, TimeSpan TokenMargin)
{
    public static TriviaTiming Default { get; } = new(TriviaRules.DefaultGrace, TriviaRules.TokenMargin);
}

/// <summary>What a game's driver does next. Every step but <see cref="Wait"/> and <see cref="Done"/> is one Discord call and/or one store write.</summary>
public abstract record TriviaStep
{
    private TriviaStep()
    {
    }

    /// <summary>Nothing to do until <see cref="Until"/> (the current question's deadline, or the token's margin).</summary>
    public sealed record Wait(DateTimeOffset Until) : TriviaStep;

    /// <summary>Open round <see cref="Round"/> with its deadline (the previous round's reveal is out).</summary>
    public sealed record OpenRound(int Round) : TriviaStep;

    /// <summary>Post round <see cref="Round"/>'s question as a follow-up and record its message.</summary>
    public sealed record PostQuestion(int Round) : TriviaStep;

    /// <summary>Close round <see cref="Round"/>: its deadline has passed.</summary>
    public sealed record CloseRound(int Round) : TriviaStep;

    /// <summary>Turn round <see cref="Round"/>'s question message into its reveal (or post the reveal when it has no message).</summary>
    public sealed record PostReveal(int Round) : TriviaStep;

    /// <summary>End the running game early.</summary>
    public sealed record End(TriviaEndReason Reason) : TriviaStep;

    /// <summary>Post the final standings through the token, then finish.</summary>
    public sealed record PostStandings : TriviaStep;

    /// <summary>The token has expired: post the standings in the channel as the bot, then finish.</summary>
    public sealed record PostStandingsInChannel : TriviaStep;

    /// <summary>Everything is posted: delete the token.</summary>
    public sealed record Finish : TriviaStep;

    /// <summary>The game needs nothing more.</summary>
    public sealed record Done : TriviaStep;
}

/// <summary>
/// Decides a game's next step from its stored state and the time, so a driver that restarts, or another instance
/// that takes over, carries on exactly where the game is: a passed deadline is closed and revealed with the presses
/// stored, a game left alone longer than the grace or outliving its token ends with the standings so far.
/// </summary>
public static class TriviaProgress
{
    public static TriviaStep Next(TriviaGameState state, DateTimeOffset now, TriviaTiming timing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timing);
        var game = state.Game;
        if (game.InteractionToken is null)
        {
            return new TriviaStep.Done();
        }

        var current = state.Current;
        if (!game.IsRunning)
        {
            if (now >= game.TokenExpiresAt)
            {
                return game.StandingsOut ? new TriviaStep.Finish() : new TriviaStep.PostStandingsInChannel();
            }

            if (current.IsClosed && !current.IsRevealed)
            {
                return new TriviaStep.PostReveal(current.Index);
            }

            return game.StandingsOut ? new TriviaStep.Finish() : new TriviaStep.PostStandings();
        }

        var wrapUpBy = game.TokenExpiresAt - timing.TokenMargin;
        if (now >= wrapUpBy)
        {
            return new TriviaStep.End(TriviaEndReason.TokenExpired);
        }

        if (current.IsOpen && current.Deadline is { } deadline)
        {
            if (now < deadline)
            {
                return current.QuestionOut(game.LeaseEpoch) ? new TriviaStep.Wait(deadline < wrapUpBy ? deadline : wrapUpBy) : new TriviaStep.PostQuestion(current.Index);
            }

            return now - deadline > timing.Grace ? new TriviaStep.End(TriviaEndReason.Unattended) : new TriviaStep.CloseRound(current.Index);
        }

        if (current.IsClosed && !current.IsRevealed)
        {
            return now - current.ClosedAt > timing.Grace ? new TriviaStep.End(TriviaEndReason.Unattended) : new TriviaStep.PostReveal(current.Index);
        }

        var revealed = current.RevealPostedAt ?? game.StartedAt;
        if (now - revealed > timing.Grace || current.Index + 1 >= state.Rounds.Count)
        {
            return new TriviaStep.End(TriviaEndReason.Unattended);
        }

        return new TriviaStep.OpenRound(current.Index + 1);
    }

    /// <summary>When the game next needs its driver: now, a later time, or never (null).</summary>
    public static DateTimeOffset? WakeAt(TriviaGameState state, DateTimeOffset now, TriviaTiming timing) => Next(state, now, timing) switch
    {
        TriviaStep.Done => null,
        TriviaStep.Wait wait => wait.Until,
        _ => now,
    };
}
