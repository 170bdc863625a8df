using System.Collections.Concurrent;
using QuizBot.Core.Players;
using QuizBot.Core.Trivia;

namespace QuizBot.Modules;

/// <summary>
/// A trivia game running in a channel, with what the bot needs to post its progress: the start interaction's
/// token (whose webhook carries every message of the game) and the message showing the current question.
/// Presses touch the game under a short lock; reveals and stops are serialised by <see cref="Progress"/>,
/// which is held across their Discord calls so a stop cannot interleave with a reveal.
/// </summary>
public sealed class LiveTrivia(TriviaGame game, ulong channelId, string scope, string starterUserId, string starterName, string interactionToken, string title)
{
    private readonly Lock sync = new();

    public TriviaGame Game { get; } = game;

    public string Id => Game.Id;

    public ulong ChannelId { get; } = channelId;

    public string Scope { get; } = scope;

    public string StarterUserId { get; } = starterUserId;

    public string StarterName { get; } = starterName;

    public string InteractionToken { get; } = interactionToken;

    /// <summary>The topic or the deck's title, shown on every screen of the game.</summary>
    public string Title { get; } = title;

    /// <summary>The follow-up message showing the current question; null while it is the original response (question 1).</summary>
    public ulong? QuestionMessageId { get; set; }

    public SemaphoreSlim Progress { get; } = new(1, 1);

    public T Read<T>(Func<TriviaGame, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (sync)
        {
            return read(Game);
        }
    }

    public TriviaAnswerResult Answer(PlayerKey player, string displayName, int questionIndex, int choice) =>
        Read(game => game.Answer(player, displayName, questionIndex, choice));
}

/// <summary>The trivia games running now, at most one per channel. In memory only: a restart ends every game.</summary>
public sealed class LiveTriviaGames
{
    private readonly ConcurrentDictionary<ulong, LiveTrivia> byChannel = new();
    private readonly ConcurrentDictionary<string, LiveTrivia> byId = new(StringComparer.Ordinal);
    private readonly Lock signalGate = new();
    private TaskCompletionSource changed = NewSignal();

    /// <summary>Completes when a game is added or removed (the timer then recomputes its next deadline). Read it before looking at the games.</summary>
    public Task Changed
    {
        get
        {
            lock (signalGate)
            {
                return changed.Task;
            }
        }
    }

    public IReadOnlyList<LiveTrivia> All => [.. byChannel.Values];

    /// <summary>Adds the game unless its channel already has one.</summary>
    public bool TryAdd(LiveTrivia game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (!byChannel.TryAdd(game.ChannelId, game))
        {
            return false;
        }

        byId[game.Id] = game;
        Signal();
        return true;
    }

    public LiveTrivia? InChannel(ulong channelId) => byChannel.GetValueOrDefault(channelId);

    public LiveTrivia? Find(string gameId) => byId.GetValueOrDefault(gameId);

    public void Remove(LiveTrivia game)
    {
        ArgumentNullException.ThrowIfNull(game);
        byChannel.TryRemove(new KeyValuePair<ulong, LiveTrivia>(game.ChannelId, game));
        byId.TryRemove(new KeyValuePair<string, LiveTrivia>(game.Id, game));
        Signal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        lock (signalGate)
        {
            changed.TrySetResult();
            changed = NewSignal();
        }
    }
}
