using QuizBot.Core.Players;

namespace QuizBot.Core.Trivia;

/// <summary>Why a game is over. A running game has none.</summary>
public enum TriviaEndReason
{
    /// <summary>Every round was played.</summary>
    Completed,

    /// <summary>Its starter or a manager ran /trivia stop.</summary>
    Stopped,

    /// <summary>The interaction token it posts through expired, or was about to, before the game could finish.</summary>
    TokenExpired,

    /// <summary>Nobody drove the game for longer than the grace (the bot was down).</summary>
    Unattended,

    /// <summary>Discord kept refusing the game's messages.</summary>
    DiscordFailed,
}

/// <summary>
/// A trivia game as stored. <see cref="InteractionToken"/> is the start interaction's token, kept only while the game
/// still has something to post and deleted after (null then). <see cref="CurrentRound"/> is the round being played or
/// the last one played. The lease names the instance that drives the game and until when; <see cref="LeaseEpoch"/>
/// counts its tenures (it goes up each time the lease is taken rather than renewed), so a driver that stalled past its
/// lease is told apart from the one driving now, even on the same instance. <see cref="StandingsClaim"/> is the tenure
/// that claimed the standings' post (see <see cref="TriviaPost"/>).
/// </summary>
public sealed record TriviaGameRecord(
    string Id,
    string Scope,
    ulong ChannelId,
    string DeckId,
    string? Topic,
    string Title,
    int Seed,
    int Seconds,
    int RoundCount,
    string StarterUserId,
    string StarterName,
    DateTimeOffset StartedAt,
    string? InteractionToken,
    DateTimeOffset TokenExpiresAt,
    int CurrentRound,
    TriviaEndReason? EndReason,
    string? StoppedBy,
    DateTimeOffset? EndedAt,
    bool StandingsPosted,
    string? LeaseOwner,
    DateTimeOffset LeaseExpiresAt,
    long LeaseEpoch = 0,
    long? StandingsClaim = null)
{
    public bool IsRunning => EndReason is null;

    /// <summary>
    /// The standings are out, or an earlier tenure claimed their post: a follow-up can't be sent twice safely (Discord's
    /// Execute Webhook has no nonce), so a step another tenure claimed counts as done.
    /// </summary>
    public bool StandingsOut => StandingsPosted || (StandingsClaim is { } claim && claim != LeaseEpoch);

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(Seconds);
}

/// <summary>
/// One round: its question and the order its choices are shown in, when it opened and its deadline (null until
/// opened), the follow-up showing it (null for round 0, which is the start's own response, or until posted), when
/// presses closed (the reveal's compare-and-set) and when the reveal reached Discord. <see cref="QuestionClaim"/> and
/// <see cref="RevealClaim"/> are the lease tenures that claimed posting the question, or the reveal as a new message.
/// </summary>
public sealed record TriviaRoundRecord(
    int Index,
    string QuestionId,
    IReadOnlyList<int> ChoiceOrder,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? Deadline,
    ulong? MessageId,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? RevealPostedAt,
    long? QuestionClaim = null,
    long? RevealClaim = null)
{
    public bool IsOpen => Deadline is not null && ClosedAt is null;

    public bool IsClosed => ClosedAt is not null;

    public bool IsRevealed => RevealPostedAt is not null;

    /// <summary>Whether the round's question is on a message the bot can edit: round 0's is the start response.</summary>
    public bool HasMessage => Index == 0 || MessageId is not null;

    /// <summary>
    /// The question is out, or was claimed by a tenure other than <paramref name="leaseEpoch"/> (the current one): that
    /// driver posted it or stalled sending it, and only it may send it, so the current driver does not post it again.
    /// </summary>
    public bool QuestionOut(long leaseEpoch) => HasMessage || (QuestionClaim is { } claim && claim != leaseEpoch);
}

/// <summary>One member's press in one round, as stored: at most one per member per round.</summary>
public sealed record TriviaPressRecord(
    int RoundIndex,
    PlayerKey Player,
    string DisplayName,
    int Choice,
    bool Correct,
    int Points,
    DateTimeOffset PressedAt);

/// <summary>A game with its rounds (in order) and every press stored so far.</summary>
public sealed record TriviaGameState(TriviaGameRecord Game, IReadOnlyList<TriviaRoundRecord> Rounds, IReadOnlyList<TriviaPressRecord> Presses)
{
    public TriviaRoundRecord Current => Rounds[Game.CurrentRound];

    public IEnumerable<TriviaPressRecord> PressesIn(int round) => Presses.Where(p => p.RoundIndex == round);
}
