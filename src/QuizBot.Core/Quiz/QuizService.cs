using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;

namespace QuizBot.Core.Quiz;

/// <summary>A quiz that was started or resumed, with its current question; or why it could not start.</summary>
public sealed record QuizStartResult(QuizStartError? Error, string Message, QuizSession? Session, PresentedQuestion? Current, bool Resumed)
{
    public bool Started => Error is null;
}

/// <summary>
/// The outcome of an answer or a skip. On <see cref="QuizStepStatus.Revealed"/>: the reveal, then either the
/// next question or (when the quiz just ended) the summary. On <see cref="QuizStepStatus.AlreadyAnswered"/>:
/// the session as stored, with its current question or summary, so the caller can show where things stand.
/// </summary>
public sealed record QuizAnswerResult(
    QuizStepStatus Status,
    string Message,
    QuizSession? Session,
    AnswerReveal? Reveal,
    PresentedQuestion? Next,
    QuizSummary? Summary);

/// <summary>The state of a quiz as it is now: the current question, or the summary when it is over.</summary>
public sealed record QuizView(QuizSession Session, PresentedQuestion? Current, QuizSummary? Summary);

/// <summary>
/// Runs quizzes for players: applies <see cref="QuizEngine"/>'s decisions through <see cref="IQuizStore"/>.
/// Answers are recorded idempotently per (session, question index), so a double click or a retried delivery
/// is scored once and reported as already answered.
/// </summary>
public sealed class QuizService
{
    private readonly IQuizStore store;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Lock randomGate = new();

    /// <param name="random">Source of session ids and seeds; pass a seeded one for reproducible tests.</param>
    public QuizService(IQuizStore store, TimeProvider time, Random? random = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.random = random ?? Random.Shared;
    }

    /// <summary>
    /// Starts a quiz of <paramref name="length"/> questions (default 10, 1–25) on <paramref name="topic"/>
    /// (null for all). With <paramref name="resume"/>, an unfinished quiz of the player on this deck continues instead.
    /// </summary>
    public async Task<QuizStartResult> StartAsync(
        PlayerKey player, Deck deck, string? topic, int? length, bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deck);
        if (resume && await ResumeAsync(player, deck, QuizMode.Quiz, cancellationToken) is { } resumed)
        {
            return resumed;
        }

        var seen = await store.GetSeenCountsAsync(player, cancellationToken);
        var seed = NextSeed();
        var plan = QuizEngine.PlanQuiz(deck, topic, length, seen, seed);
        return await BeginAsync(player, deck, QuizMode.Quiz, plan, seed, cancellationToken);
    }

    /// <summary>Starts a quiz of the questions the player last got wrong, or says there is nothing to review.</summary>
    public async Task<QuizStartResult> StartReviewAsync(
        PlayerKey player, Deck deck, int? length = null, bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deck);
        if (resume && await ResumeAsync(player, deck, QuizMode.Review, cancellationToken) is { } resumed)
        {
            return resumed;
        }

        var missed = await store.GetMissedQuestionIdsAsync(player, cancellationToken);
        var plan = QuizEngine.PlanReview(deck, missed, length);
        return await BeginAsync(player, deck, QuizMode.Review, plan, NextSeed(), cancellationToken);
    }

    /// <summary>The session's current question or summary; null when there is no such session for this player and deck.</summary>
    public async Task<QuizView?> GetAsync(string sessionId, PlayerKey player, Deck deck, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var session = await store.GetSessionAsync(sessionId, cancellationToken);
        if (session is null || session.DeckId != deck.Id || session.Player != player)
        {
            return null;
        }

        session = await SkipVanishedQuestionsAsync(session, deck, cancellationToken);
        return View(session, deck);
    }

    public Task<QuizAnswerResult> AnswerAsync(
        string sessionId, PlayerKey player, string displayName, Deck deck, int questionIndex, PlayerAnswer answer, CancellationToken cancellationToken = default) =>
        StepAsync(sessionId, deck, session => QuizEngine.Answer(session, deck, player, displayName, questionIndex, answer, time.GetUtcNow()), cancellationToken);

    public Task<QuizAnswerResult> SkipAsync(
        string sessionId, PlayerKey player, Deck deck, int questionIndex, CancellationToken cancellationToken = default) =>
        StepAsync(sessionId, deck, session => QuizEngine.Skip(session, deck, player, questionIndex, time.GetUtcNow()), cancellationToken);

    private async Task<QuizAnswerResult> StepAsync(string sessionId, Deck deck, Func<QuizSession, QuizStep> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var session = await store.GetSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return new QuizAnswerResult(QuizStepStatus.NotFound, "This quiz has ended.", null, null, null, null);
        }

        var step = decide(session);
        if (step.Status != QuizStepStatus.Revealed || step.SessionAfter is null)
        {
            return step.Status == QuizStepStatus.AlreadyAnswered
                ? AlreadyAnswered(session, deck, step.Message)
                : new QuizAnswerResult(step.Status, step.Message, null, null, null, null);
        }

        // A skip saves the session only if no answer to that question got there first (the store refuses a stale save).
        var saved = step.Record is null
            ? await store.SaveSessionAsync(step.SessionAfter, cancellationToken)
            : await store.RecordAnswerAsync(step.Record, step.SessionAfter, cancellationToken);
        if (!saved)
        {
            var stored = await store.GetSessionAsync(sessionId, cancellationToken) ?? session;
            return AlreadyAnswered(stored, deck, "That question was already answered.");
        }

        var after = await SkipVanishedQuestionsAsync(step.SessionAfter, deck, cancellationToken);
        var view = View(after, deck);
        return new QuizAnswerResult(QuizStepStatus.Revealed, string.Empty, after, step.Reveal, view.Current, view.Summary);
    }

    private async Task<QuizStartResult?> ResumeAsync(PlayerKey player, Deck deck, QuizMode mode, CancellationToken cancellationToken)
    {
        var active = await store.GetActiveSessionAsync(player, mode, cancellationToken);
        if (active is null || active.IsFinished || active.DeckId != deck.Id)
        {
            return null;
        }

        active = await SkipVanishedQuestionsAsync(active, deck, cancellationToken);
        var current = QuizEngine.Present(active, deck);
        return current is null ? null : new QuizStartResult(null, string.Empty, active, current, Resumed: true);
    }

    private async Task<QuizStartResult> BeginAsync(PlayerKey player, Deck deck, QuizMode mode, QuizPlan plan, int seed, CancellationToken cancellationToken)
    {
        if (!plan.IsValid)
        {
            return new QuizStartResult(plan.Error, plan.Message, null, null, false);
        }

        var session = QuizEngine.NewSession(NewSessionId(), player, deck, mode, plan, seed, time.GetUtcNow());
        await store.SaveSessionAsync(session, cancellationToken);
        return new QuizStartResult(null, string.Empty, session, QuizEngine.Present(session, deck), false);
    }

    /// <summary>Moves past questions that were removed from the deck since the quiz started, so a quiz never gets stuck.</summary>
    private async Task<QuizSession> SkipVanishedQuestionsAsync(QuizSession session, Deck deck, CancellationToken cancellationToken)
    {
        var changed = false;
        while (!session.IsFinished && QuizEngine.Present(session, deck) is null)
        {
            var skipped = QuizEngine.Skip(session, deck, session.Player, session.Position, time.GetUtcNow()).SessionAfter;
            if (skipped is null)
            {
                break;
            }

            session = skipped;
            changed = true;
        }

        if (changed)
        {
            await store.SaveSessionAsync(session, cancellationToken);
        }

        return session;
    }

    private static QuizAnswerResult AlreadyAnswered(QuizSession session, Deck deck, string message)
    {
        var view = View(session, deck);
        return new QuizAnswerResult(QuizStepStatus.AlreadyAnswered, message, session, null, view.Current, view.Summary);
    }

    private static QuizView View(QuizSession session, Deck deck)
    {
        var current = QuizEngine.Present(session, deck);
        return new QuizView(session, current, current is null ? QuizEngine.Summarize(session) : null);
    }

    private int NextSeed()
    {
        lock (randomGate)
        {
            return random.Next();
        }
    }

    private string NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        lock (randomGate)
        {
            random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }
}
