using System.Collections.Concurrent;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Trivia;

/// <summary>What /trivia start asks for, and who asks. <see cref="Owner"/> is the instance that will drive the game first.</summary>
public sealed record TriviaStartRequest(
    string GameId,
    PlayerKey Starter,
    string StarterName,
    ulong ChannelId,
    string? Topic,
    int? Questions,
    int? Seconds,
    int Seed,
    string InteractionToken,
    string Owner,
    TimeSpan LeaseDuration);

/// <summary>
/// Live trivia for the members: starting a game, pressing an answer, stopping it. Each is one compare-and-set in the
/// <see cref="ITriviaStore"/>, so it holds however many instances share the database and whatever they restart.
/// The game's progress (reveals, next questions, standings) is the driver's: see <see cref="TriviaProgress"/>.
/// </summary>
public sealed class TriviaService
{
    private readonly ITriviaStore store;
    private readonly IReadOnlyList<Deck> decks;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, TriviaScoreboard> boards = new(StringComparer.Ordinal);

    public TriviaService(ITriviaStore store, IReadOnlyList<Deck> decks, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(decks);
        ArgumentNullException.ThrowIfNull(time);
        if (decks.Count == 0)
        {
            throw new ArgumentException("Trivia needs at least one deck.", nameof(decks));
        }

        this.store = store;
        this.decks = decks;
        this.time = time;
    }

    public ITriviaStore Store => store;

    /// <summary>The questions, reveals and standings of a deck's games; null when the deck is no longer loaded.</summary>
    public TriviaScoreboard? BoardFor(string deckId) =>
        decks.FirstOrDefault(d => d.Id == deckId) is { } deck ? boards.GetOrAdd(deck.Id, _ => new TriviaScoreboard(deck)) : null;

    public async Task<TriviaStartOutcome> StartAsync(TriviaStartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // An unknown topic goes to the first deck, whose topics the refusal then lists.
        var deck = decks.FirstOrDefault(d => request.Topic is { } topic
                && d.Topics.Contains(topic.Trim(), StringComparer.OrdinalIgnoreCase))
            ?? decks[0];
        var (plan, refusal) = TriviaPlan.Create(deck, request.Topic, request.Questions, request.Seconds, request.Seed);
        if (plan is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        var limit = TimeSpan.FromSeconds(plan.Seconds);
        var rounds = plan.Rounds.ToList();
        rounds[0] = rounds[0] with { OpenedAt = now, Deadline = now + limit };
        var game = new TriviaGameRecord(
            request.GameId,
            request.Starter.Scope,
            request.ChannelId,
            deck.Id,
            plan.Topic,
            plan.Topic ?? deck.Title,
            request.Seed,
            plan.Seconds,
            rounds.Count,
            request.Starter.UserId,
            request.StarterName,
            now,
            request.InteractionToken,
            now + TriviaRules.TokenLifetime,
            CurrentRound: 0,
            EndReason: null,
            StoppedBy: null,
            EndedAt: null,
            StandingsPosted: false,
            request.Owner,
            now + request.LeaseDuration,
            LeaseEpoch: 1);
        var write = await store.StartAsync(game, rounds, cancellationToken).ConfigureAwait(false);
        if (!write.Started)
        {
            return new TriviaStartOutcome.Refused(TriviaStartRefusal.AlreadyRunning);
        }

        var first = BoardFor(deck.Id)!.Question(rounds[0], rounds.Count);
        return new TriviaStartOutcome.Started(game, first, plan.Shortening);
    }

    /// <summary>
    /// A member's press of choice <paramref name="choice"/> in round <paramref name="roundIndex"/>. The first press of
    /// each member counts, if stored before the deadline; later presses, presses after it, and presses on other rounds
    /// change nothing.
    /// </summary>
    public async Task<TriviaPressOutcome> PressAsync(string gameId, PlayerKey player, string displayName, int roundIndex, int choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var state = await store.GetAsync(gameId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Game.Scope != player.Scope || !state.Game.IsRunning || BoardFor(state.Game.DeckId) is not { } board)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.GameOver);
        }

        if (roundIndex < 0 || roundIndex >= state.Rounds.Count)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.NotCurrent);
        }

        var round = state.Rounds[roundIndex];
        if (roundIndex < state.Game.CurrentRound || round.IsClosed)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.TooLate);
        }

        if (round.Deadline is not { } deadline || round.OpenedAt is not { } opened || roundIndex > state.Game.CurrentRound)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.NotCurrent);
        }

        var now = time.GetUtcNow();
        if (now >= deadline)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.TooLate);
        }

        var question = board.Question(round, state.Rounds.Count);
        if (TriviaScoreboard.Judge(question, choice) is not { } correct)
        {
            return new TriviaPressOutcome.Refused(TriviaPressRefusal.NotCurrent);
        }

        var points = TriviaRules.PointsFor(question.Question.Kind, correct, now - opened, state.Game.TimeLimit);
        var press = new TriviaPressRecord(roundIndex, player, displayName, choice, correct, points, now);
        var answer = new AnswerRecord(
            player, displayName, SessionIdOf(gameId, player), roundIndex, question.Question.Id, question.Fact.Id,
            question.Fact.Topics, correct, points, QuizMode.Trivia, now);
        var write = await store.PressAsync(gameId, press, answer, cancellationToken).ConfigureAwait(false);
        return write.Status switch
        {
            TriviaPressStatus.Stored => new TriviaPressOutcome.LockedIn(TriviaScoreboard.ChoiceLabel(question, choice), deadline),
            TriviaPressStatus.AlreadyPressed => new TriviaPressOutcome.Refused(
                TriviaPressRefusal.AlreadyAnswered, write.Earlier is { } earlier ? TriviaScoreboard.ChoiceLabel(question, earlier.Choice) : null),
            TriviaPressStatus.Closed => new TriviaPressOutcome.Refused(TriviaPressRefusal.TooLate),
            _ => new TriviaPressOutcome.Refused(TriviaPressRefusal.GameOver),
        };
    }

    /// <summary>
    /// Stops the channel's running game, if the requester started it or may manage the server. Works from any instance:
    /// the stop is stored, and whichever instance drives the game posts the stopped question's reveal.
    /// </summary>
    public async Task<TriviaStopOutcome> StopAsync(PlayerKey requester, string requesterName, bool canManage, ulong channelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterName);
        var running = await store.GetRunningInChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        if (running is null || running.Game.Scope != requester.Scope)
        {
            return new TriviaStopOutcome.NoGame();
        }

        if (running.Game.StarterUserId != requester.UserId && !canManage)
        {
            return new TriviaStopOutcome.NotAllowed(running.Game.StarterName);
        }

        var write = await store.StopAsync(running.Game.Id, requesterName, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return write is { Applied: true, State: { } state }
            ? new TriviaStopOutcome.Stopped(TriviaScoreboard.Result(state))
            : new TriviaStopOutcome.NoGame();
    }

    /// <summary>The id under which a player's answers in a game are stored (one session per player per game).</summary>
    public static string SessionIdOf(string gameId, PlayerKey player) => $"trivia:{gameId}:{player.UserId}";
}
