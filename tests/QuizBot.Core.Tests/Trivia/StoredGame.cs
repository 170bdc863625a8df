using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Trivia;

namespace QuizBot.Core.Tests.Trivia;

/// <summary>Builds a stored trivia game's state the way the store would hold it, step by step, without a database.</summary>
internal sealed class StoredGame
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 18, 0, 0, TimeSpan.Zero);

    private readonly List<TriviaRoundRecord> rounds;
    private readonly List<TriviaPressRecord> presses = [];

    public StoredGame(Deck deck, int questions = 4, int seconds = 20, int seed = 7)
    {
        var (plan, _) = TriviaPlan.Create(deck, null, questions, seconds, seed);
        Board = new TriviaScoreboard(deck);
        rounds = plan!.Rounds.ToList();
        rounds[0] = rounds[0] with { OpenedAt = Start, Deadline = Start.AddSeconds(seconds) };
        Game = new TriviaGameRecord(
            "g1", "guild-1", 55, deck.Id, null, deck.Title, seed, seconds, rounds.Count, "111", "Ann", Start, "token",
            Start + TriviaRules.TokenLifetime, 0, null, null, null, false, "me", Start.AddSeconds(15));
    }

    public TriviaGameRecord Game { get; private set; }

    public TriviaScoreboard Board { get; }

    public TriviaGameState State => new(Game, [.. rounds], [.. presses]);

    public TriviaQuestion Question(int round) => Board.Question(rounds[round], rounds.Count);

    public int Right(int round)
    {
        var q = Question(round);
        return q.Question.Kind == QuestionKind.TrueFalse
            ? (AnswerJudge.IsTrue(q.Question) ? 0 : 1)
            : q.ChoiceOrder.ToList().IndexOf(AnswerJudge.RightChoiceIndex(q.Question));
    }

    public int Wrong(int round) => Right(round) == 0 ? 1 : 0;

    public StoredGame Press(int round, string user, bool correct, double afterSeconds)
    {
        var opened = rounds[round].OpenedAt!.Value;
        var question = Question(round);
        var elapsed = TimeSpan.FromSeconds(afterSeconds);
        var points = TriviaRules.PointsFor(question.Question.Kind, correct, elapsed, Game.TimeLimit);
        presses.Add(new TriviaPressRecord(round, new PlayerKey("guild-1", user), user, correct ? Right(round) : Wrong(round), correct, points, opened + elapsed));
        return this;
    }

    public StoredGame Close(int round, DateTimeOffset at)
    {
        rounds[round] = rounds[round] with { ClosedAt = at };
        if (round == rounds.Count - 1)
        {
            Game = Game with { EndReason = TriviaEndReason.Completed, EndedAt = at };
        }

        return this;
    }

    /// <summary>Round <paramref name="round"/>'s question was claimed for posting by lease tenure <paramref name="epoch"/>.</summary>
    public StoredGame Claim(int round, long epoch)
    {
        rounds[round] = rounds[round] with { QuestionClaim = epoch };
        return this;
    }

    public StoredGame Revealed(int round, DateTimeOffset at)
    {
        rounds[round] = rounds[round] with { RevealPostedAt = at };
        return this;
    }

    public StoredGame Open(int round, DateTimeOffset at, ulong? messageId = 900)
    {
        rounds[round] = rounds[round] with { OpenedAt = at, Deadline = at + Game.TimeLimit, MessageId = messageId };
        Game = Game with { CurrentRound = round };
        return this;
    }

    /// <summary>Closes, reveals and opens the next round, each at the round's deadline.</summary>
    public StoredGame PlayRound(int round)
    {
        var deadline = rounds[round].Deadline!.Value;
        Close(round, deadline).Revealed(round, deadline);
        return round + 1 < rounds.Count ? Open(round + 1, deadline) : this;
    }

    public StoredGame End(TriviaEndReason reason, DateTimeOffset at, string? stoppedBy = null)
    {
        Game = Game with { EndReason = reason, EndedAt = at, StoppedBy = stoppedBy };
        var current = rounds[Game.CurrentRound];
        if (current.IsOpen)
        {
            rounds[Game.CurrentRound] = current with { ClosedAt = at };
        }

        return this;
    }

    public StoredGame With(Func<TriviaGameRecord, TriviaGameRecord> change)
    {
        Game = change(Game);
        return this;
    }
}
