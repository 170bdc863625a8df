using QuizBot.Core.Quiz;

namespace QuizBot.Core.Trivia;

/// <summary>
/// Live trivia games, their rounds and presses, and who drives each game. Every write is one compare-and-set: it
/// names the state it expects and either applies atomically or changes nothing and says what is there instead.
/// Writes that move a game on (close, open, claim, mark posted, end, finish) also require the caller to hold the game's
/// lease in the tenure it names (<see cref="TriviaLease"/>), so two instances sharing a database never both move one
/// game, and a driver that stalled past its lease (a GC pause, a slow Discord call) changes nothing when it wakes.
/// </summary>
public interface ITriviaStore
{
    /// <summary>Stores a new game with all its rounds, round 0 already open, leased to the starting instance. At most one running game per channel.</summary>
    Task<TriviaStartWrite> StartAsync(TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds, CancellationToken cancellationToken = default);

    Task<TriviaGameState?> GetAsync(string gameId, CancellationToken cancellationToken = default);

    Task<TriviaGameState?> GetRunningInChannelAsync(ulong channelId, CancellationToken cancellationToken = default);

    /// <summary>Games with work left: running, or over with their token still stored (a reveal or the standings to post).</summary>
    Task<IReadOnlyList<TriviaGameState>> GetActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the press, and the answer it scores on the leaderboard, only if the game is running, the round is its
    /// current one, open, and <see cref="TriviaPressRecord.PressedAt"/> is before the round's deadline, and the member
    /// has not pressed in this round yet.
    /// </summary>
    Task<TriviaPressWrite> PressAsync(string gameId, TriviaPressRecord press, AnswerRecord answer, CancellationToken cancellationToken = default);

    /// <summary>Ends a running game as stopped by <paramref name="stoppedBy"/>, closing its current round; any instance may do it (no lease).</summary>
    Task<TriviaWrite> StopAsync(string gameId, string stoppedBy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the lease when it is free, expired, or already <paramref name="owner"/>'s, on a game with work
    /// left, and returns it (null when another instance holds it). Renewing an unexpired lease keeps its epoch; taking
    /// it (free, expired, or from another owner) starts a new tenure with the next epoch.
    /// </summary>
    Task<TriviaLease?> TryAcquireLeaseAsync(string gameId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Lets the lease go now (a graceful shutdown), so another instance can take over at once.</summary>
    Task ReleaseLeaseAsync(string gameId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Closes the open round <paramref name="round"/> once its deadline has passed (the reveal's compare-and-set); the last round's close completes the game.</summary>
    Task<TriviaWrite> CloseRoundAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Opens round <paramref name="round"/> after the previous one was revealed, with its deadline.</summary>
    Task<TriviaWrite> OpenRoundAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, DateTimeOffset deadline, CancellationToken cancellationToken = default);

    /// <summary>Records the follow-up message that shows round <paramref name="round"/>'s question.</summary>
    Task<TriviaWrite> MarkQuestionPostedAsync(string gameId, TriviaLease lease, int round, ulong messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that round <paramref name="round"/>'s reveal reached Discord.</summary>
    Task<TriviaWrite> MarkRevealPostedAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims sending <paramref name="post"/>, a message Discord cannot de-duplicate (an interaction follow-up: Execute
    /// Webhook takes no nonce), for the lease's tenure, before it is sent. Only the claiming tenure ever sends it, so a
    /// driver that stalls after its claim and wakes after another took over sends it once, and the other does not.
    /// Claiming again in the same tenure (a retry after a failed send) is allowed.
    /// </summary>
    Task<TriviaClaim> ClaimPostAsync(string gameId, TriviaLease lease, TriviaPost post, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Ends a running game early for <paramref name="reason"/>, closing its current round if open.</summary>
    Task<TriviaWrite> EndAsync(string gameId, TriviaLease lease, TriviaEndReason reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>After the standings went out: marks them posted and deletes the interaction token. The game needs nothing more.</summary>
    Task<TriviaWrite> FinishAsync(string gameId, TriviaLease lease, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>A held lease on a game: the instance and the tenure (epoch) its writes are decided under.</summary>
public sealed record TriviaLease(string Owner, long Epoch);

/// <summary>A message of a game that is created (not edited) through the interaction's webhook, so it must be sent at most once.</summary>
public abstract record TriviaPost
{
    private TriviaPost()
    {
    }

    /// <summary>Round <see cref="Round"/>'s question, as a follow-up.</summary>
    public sealed record Question(int Round) : TriviaPost;

    /// <summary>Round <see cref="Round"/>'s reveal as a new follow-up (its question has no message to edit).</summary>
    public sealed record Reveal(int Round) : TriviaPost;

    /// <summary>The final standings.</summary>
    public sealed record Standings : TriviaPost;
}

public enum TriviaClaim
{
    /// <summary>This tenure may send it (it claimed it now or earlier).</summary>
    Claimed,

    /// <summary>Another tenure claimed it first, or it is already recorded as posted: do not send it.</summary>
    ClaimedBefore,

    /// <summary>The lease is not held in this tenure any more: do nothing.</summary>
    LeaseLost,
}

/// <summary>A compare-and-set's result: whether it applied, and the game as it is now (null when there is no such game).</summary>
public sealed record TriviaWrite(bool Applied, TriviaGameState? State);

/// <summary>A start's result: stored, or the channel's running game that was there first.</summary>
public sealed record TriviaStartWrite(bool Started, string? RunningGameId);

public enum TriviaPressStatus
{
    Stored,

    /// <summary>This member already pressed in this round; <see cref="TriviaPressWrite.Earlier"/> is that press.</summary>
    AlreadyPressed,

    /// <summary>The round is closed, past its deadline, or not the current one.</summary>
    Closed,

    /// <summary>No such game, or it is over.</summary>
    GameOver,
}

public sealed record TriviaPressWrite(TriviaPressStatus Status, TriviaPressRecord? Earlier = null);
