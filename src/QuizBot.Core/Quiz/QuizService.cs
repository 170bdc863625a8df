using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;

namespace QuizBot.Core.Quiz;

/// <summary>Where a quiz goes after a step: on to a question, or finished with its summary.</summary>
public abstract record QuizProgress
{
    private QuizProgress()
    {
    }

    public sealed record Continues(PresentedQuestion Next) : QuizProgress;

    public sealed record Finished(QuizSummary Summary) : QuizProgress;
}

/// <summary>The outcome of <c>/quiz</c> or <c>/review</c>.</summary>
public abstract record QuizStartOutcome
{
    private QuizStartOutcome()
    {
    }

    /// <summary>A new quiz (or, when asked to resume, the open one) with its current question.</summary>
    public sealed record Started(Deck Deck, QuizSession Session, PresentedQuestion Current, bool Resumed) : QuizStartOutcome;

    /// <summary>The member already has a quiz open in this scope: offer to resume or abandon it.</summary>
    public sealed record AlreadyOpen(Deck Deck, QuizSession Open, PresentedQuestion Current) : QuizStartOutcome;

    /// <summary>No deck has the topic.</summary>
    public sealed record UnknownTopic(TopicChoice.Unknown Topic) : QuizStartOutcome;

    /// <summary>The quiz cannot start: see the reason (lengths are <see cref="QuizEngine.MinLength"/>–<see cref="QuizEngine.MaxLength"/>).</summary>
    public sealed record Rejected(QuizStartError Reason) : QuizStartOutcome;
}

/// <summary>The outcome of an answer or a skip.</summary>
public abstract record QuizStepOutcome
{
    private QuizStepOutcome()
    {
    }

    /// <summary>
    /// The reveal of question <see cref="QuestionIndex"/>. <see cref="Replayed"/> when the question had already been
    /// closed (a double click, a retry, a reveal that never arrived): the same reveal as then, nothing scored again.
    /// </summary>
    public sealed record Revealed(Deck Deck, QuizSession Session, int QuestionIndex, AnswerReveal Reveal, QuizProgress Progress, bool Replayed) : QuizStepOutcome;

    public sealed record Refused(QuizRefusal Reason) : QuizStepOutcome;

    public sealed record Invalid(InvalidAnswerReason Reason, int ChoiceCount) : QuizStepOutcome;
}

/// <summary>What a quiz shows now: its current question or its summary; or why it cannot be shown.</summary>
public abstract record QuizScreen
{
    private QuizScreen()
    {
    }

    public sealed record Question(Deck Deck, QuizSession Session, PresentedQuestion Current) : QuizScreen;

    public sealed record Finished(Deck Deck, QuizSession Session, QuizSummary Summary) : QuizScreen;

    public sealed record Refused(QuizRefusal Reason) : QuizScreen;
}

/// <summary>
/// Personal quizzes (<c>/quiz</c>, <c>/review</c>, the terminal's play and review): resolves deck and topic, owns
/// loading and ownership of the session, and turns every press into one compare-and-set in <see cref="IQuizStore"/>.
/// Rules: one open quiz per member and scope; a question closed once is never scored again (a second press
/// replays its reveal); a question whose answer a skip revealed is held back from the member's new quizzes until
/// the next UTC day, and an answer to it in a quiz that already held it (started in another server at the same
/// time) is judged but scores nothing.
/// </summary>
public sealed class QuizService
{
    // A press races at most a handful of others on one session; past this, something is wrong.
    private const int MaxAttempts = 8;

    private readonly IQuizStore store;
    private readonly DeckCatalog decks;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Lock randomGate = new();

    /// <param name="random">Source of session ids and seeds; pass a seeded one for reproducible tests.</param>
    public QuizService(IQuizStore store, DeckCatalog decks, TimeProvider time, Random? random = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.decks = decks ?? throw new ArgumentNullException(nameof(decks));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.random = random ?? Random.Shared;
    }

    /// <summary>
    /// Starts a quiz of <paramref name="length"/> questions (default 10, 1–25) on <paramref name="topic"/> (null for
    /// all). When the member has a quiz open here, it is resumed with <paramref name="resume"/>, else offered.
    /// </summary>
    public async Task<QuizStartOutcome> StartAsync(
        PlayerKey player, string? topic, int? length, bool resume = false, CancellationToken cancellationToken = default)
    {
        if (decks.Resolve(topic) is not TopicChoice.Resolved { Deck: var deck, Topic: var canonical })
        {
            return new QuizStartOutcome.UnknownTopic((TopicChoice.Unknown)decks.Resolve(topic));
        }

        if (await OpenQuizAsync(player, resume, cancellationToken) is { } open)
        {
            return open;
        }

        var seen = await store.GetSeenCountsAsync(player, cancellationToken);
        var heldBack = await store.GetHeldBackQuestionIdsAsync(player.UserId, StartOfDay(), cancellationToken);
        var seed = NextSeed();
        var plan = QuizEngine.PlanQuiz(deck, canonical, length, seen, seed, heldBack);
        return await OpenAsync(player, deck, QuizMode.Quiz, plan, seed, resume, cancellationToken);
    }

    /// <summary>Starts a quiz of the questions the player last got wrong (on the default deck), or says there is nothing to review.</summary>
    public async Task<QuizStartOutcome> StartReviewAsync(PlayerKey player, int? length = null, bool resume = false, CancellationToken cancellationToken = default)
    {
        if (await OpenQuizAsync(player, resume, cancellationToken) is { } open)
        {
            return open;
        }

        var deck = decks.Default;
        var heldBack = await store.GetHeldBackQuestionIdsAsync(player.UserId, StartOfDay(), cancellationToken);
        var missed = (await store.GetMissedQuestionIdsAsync(player, cancellationToken)).Where(id => !heldBack.Contains(id)).ToList();
        var plan = QuizEngine.PlanReview(deck, missed, length);
        return await OpenAsync(player, deck, QuizMode.Review, plan, NextSeed(), resume, cancellationToken);
    }

    /// <summary>
    /// What the quiz shows now. <paramref name="questionIndex"/> is where the pressed button pointed (Resume, or "Next ▶"
    /// on messages from before an answer's reply carried the next question); any index up to the current one shows the
    /// current question, so an old button never strands anyone.
    /// </summary>
    public async Task<QuizScreen> ShowAsync(string sessionId, PlayerKey player, int questionIndex, CancellationToken cancellationToken = default)
    {
        var (session, deck, refusal) = await LoadAsync(sessionId, player, cancellationToken);
        if (refusal is { } reason)
        {
            return new QuizScreen.Refused(reason);
        }

        if (questionIndex > session!.Position)
        {
            return new QuizScreen.Refused(QuizRefusal.NotShownYet);
        }

        return Screen(session, deck!);
    }

    public Task<QuizStepOutcome> AnswerAsync(
        string sessionId, PlayerKey player, string displayName, int questionIndex, PlayerAnswer answer, CancellationToken cancellationToken = default) =>
        StepAsync(
            sessionId,
            player,
            questionIndex,
            (session, deck, revealedBySkipToday) => QuizEngine.Answer(session, deck, player, displayName, questionIndex, answer, time.GetUtcNow(), revealedBySkipToday),
            cancellationToken);

    public Task<QuizStepOutcome> SkipAsync(string sessionId, PlayerKey player, int questionIndex, CancellationToken cancellationToken = default) =>
        StepAsync(sessionId, player, questionIndex, (session, deck, _) => QuizEngine.Skip(session, deck, player, questionIndex, time.GetUtcNow()), cancellationToken);

    /// <summary>The reveal of a question already closed, as it happened; refused for a question still open.</summary>
    public async Task<QuizStepOutcome> RevealAgainAsync(string sessionId, PlayerKey player, int questionIndex, CancellationToken cancellationToken = default)
    {
        var (session, deck, refusal) = await LoadAsync(sessionId, player, cancellationToken);
        if (refusal is { } reason)
        {
            return new QuizStepOutcome.Refused(reason);
        }

        return questionIndex < session!.Position
            ? await ReplayAsync(session, deck!, questionIndex, cancellationToken)
            : new QuizStepOutcome.Refused(session.IsFinished ? QuizRefusal.Ended : QuizRefusal.NotShownYet);
    }

    /// <summary>Ends the member's quiz now; the questions left count as wrong in its score. A second press shows the same end.</summary>
    public async Task<QuizScreen> AbandonAsync(string sessionId, PlayerKey player, CancellationToken cancellationToken = default)
    {
        var (session, deck, refusal) = await LoadAsync(sessionId, player, cancellationToken);
        if (refusal is { } reason)
        {
            return new QuizScreen.Refused(reason);
        }

        for (var attempt = 0; attempt < MaxAttempts && !session!.IsFinished; attempt++)
        {
            var result = await store.ApplyAsync(QuizEngine.Abandon(session, time.GetUtcNow())!, cancellationToken);
            switch (result)
            {
                case QuizTransitionResult.AppliedResult:
                    session = (await store.GetSessionAsync(sessionId, cancellationToken))!;
                    break;
                case QuizTransitionResult.Conflict conflict:
                    session = conflict.Stored;
                    break;
                default:
                    return new QuizScreen.Refused(QuizRefusal.NotFound);
            }
        }

        return new QuizScreen.Finished(deck!, session!, QuizEngine.Summarize(session!));
    }

    private async Task<QuizStepOutcome> StepAsync(
        string sessionId, PlayerKey player, int questionIndex, Func<QuizSession, Deck, bool, QuizDecision> decide, CancellationToken cancellationToken)
    {
        var revealedBySkipToday = false;

        // The session may be an earlier version (GetSessionToChangeAsync): a transition decided on it is checked by the
        // compare-and-set, and any other answer (a replay, an invalid press, a refusal) is only given from a fresh read.
        // Who owns it, its mode and its deck never change, so LoadAsync's refusals hold either way.
        var (session, deck, refusal) = await LoadAsync(sessionId, player, mayBeStale: true, cancellationToken);
        var fresh = false;
        if (refusal is { } reason)
        {
            return new QuizStepOutcome.Refused(reason);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            QuizStepOutcome? answer = null;
            if (questionIndex < session!.Position || (session.IsFinished && questionIndex < session.QuestionIds.Count))
            {
                if (fresh)
                {
                    return await ReplayAsync(session, deck!, questionIndex, cancellationToken);
                }
            }
            else
            {
                switch (decide(session, deck!, revealedBySkipToday))
                {
                    case QuizDecision.Invalid invalid:
                        answer = new QuizStepOutcome.Invalid(invalid.Reason, invalid.ChoiceCount);
                        break;

                    case QuizDecision.Refuse refuse:
                        answer = new QuizStepOutcome.Refused(refuse.Reason);
                        break;

                    case QuizDecision.Take take:
                        switch (await store.ApplyAsync(take.Transition, cancellationToken))
                        {
                            case QuizTransitionResult.AppliedResult:
                                var after = await PassVanishedAsync(take.Transition.After, deck!, cancellationToken);
                                return new QuizStepOutcome.Revealed(deck!, after, questionIndex, take.Reveal, Progress(after, deck!), Replayed: false);
                            case QuizTransitionResult.Conflict conflict:
                                // Another press got there first: look again at what it did.
                                (session, fresh) = (conflict.Stored, true);
                                continue;
                            case QuizTransitionResult.RevealedEarlierResult:
                                // A skip showed this answer earlier today (maybe in another server): judge it again, unscored.
                                revealedBySkipToday = true;
                                continue;
                            default:
                                return new QuizStepOutcome.Refused(QuizRefusal.NotFound);
                        }
                }
            }

            if (fresh && answer is not null)
            {
                return answer;
            }

            // Decided on a session that may be stale: read it as stored and decide again.
            (session, deck, refusal) = await LoadAsync(sessionId, player, mayBeStale: false, cancellationToken);
            fresh = true;
            if (refusal is { } gone)
            {
                return new QuizStepOutcome.Refused(gone);
            }
        }

        return new QuizStepOutcome.Refused(QuizRefusal.Ended);
    }

    private async Task<QuizStepOutcome> ReplayAsync(QuizSession session, Deck deck, int questionIndex, CancellationToken cancellationToken)
    {
        var step = await store.GetStepAsync(session.Id, questionIndex, cancellationToken);
        if (step is null || step.Kind == QuizStepKind.Abandoned || QuizEngine.Replay(step, deck) is not { } reveal)
        {
            return new QuizStepOutcome.Refused(QuizRefusal.Ended);
        }

        return new QuizStepOutcome.Revealed(deck, session, questionIndex, reveal, Progress(session, deck), Replayed: true);
    }

    private Task<(QuizSession? Session, Deck? Deck, QuizRefusal? Refusal)> LoadAsync(string sessionId, PlayerKey player, CancellationToken cancellationToken) =>
        LoadAsync(sessionId, player, mayBeStale: false, cancellationToken);

    private async Task<(QuizSession? Session, Deck? Deck, QuizRefusal? Refusal)> LoadAsync(
        string sessionId, PlayerKey player, bool mayBeStale, CancellationToken cancellationToken)
    {
        var session = string.IsNullOrEmpty(sessionId)
            ? null
            : mayBeStale ? await store.GetSessionToChangeAsync(sessionId, cancellationToken) : await store.GetSessionAsync(sessionId, cancellationToken);
        if (session is null || !session.IsPersonal || decks.Find(session.DeckId) is not { } deck)
        {
            return (null, null, QuizRefusal.NotFound);
        }

        if (session.Player != player)
        {
            return (null, null, QuizRefusal.NotYours);
        }

        return (await PassVanishedAsync(session, deck, cancellationToken), deck, null);
    }

    private async Task<QuizStartOutcome?> OpenQuizAsync(PlayerKey player, bool resume, CancellationToken cancellationToken)
    {
        var open = await store.GetOpenQuizAsync(player, cancellationToken);
        return open is null ? null : await OfferAsync(open, resume, cancellationToken);
    }

    private async Task<QuizStartOutcome?> OfferAsync(QuizSession open, bool resume, CancellationToken cancellationToken)
    {
        if (decks.Find(open.DeckId) is not { } deck)
        {
            // Its deck is no longer served: close it so the member can start again.
            await store.ApplyAsync(QuizEngine.Abandon(open, time.GetUtcNow())!, cancellationToken);
            return null;
        }

        open = await PassVanishedAsync(open, deck, cancellationToken);
        if (QuizEngine.Present(open, deck) is not { } current)
        {
            return null;
        }

        return resume
            ? new QuizStartOutcome.Started(deck, open, current, Resumed: true)
            : new QuizStartOutcome.AlreadyOpen(deck, open, current);
    }

    private async Task<QuizStartOutcome> OpenAsync(
        PlayerKey player, Deck deck, QuizMode mode, QuizPlan plan, int seed, bool resume, CancellationToken cancellationToken)
    {
        if (plan.Error is { } error)
        {
            return new QuizStartOutcome.Rejected(error);
        }

        var session = QuizEngine.NewSession(NewSessionId(), player, deck, mode, plan, seed, time.GetUtcNow());
        switch (await store.OpenAsync(session, cancellationToken))
        {
            case QuizOpenResult.AlreadyOpen already:
                // Another /quiz of the same member got there first.
                return await OfferAsync(already.Open, resume, cancellationToken) ?? new QuizStartOutcome.Rejected(QuizStartError.NoQuestions);
            default:
                return new QuizStartOutcome.Started(deck, session, QuizEngine.Present(session, deck)!, Resumed: false);
        }
    }

    /// <summary>Passes over questions removed from the deck since the quiz started, so a quiz never gets stuck.</summary>
    private async Task<QuizSession> PassVanishedAsync(QuizSession session, Deck deck, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < session.QuestionIds.Count + MaxAttempts; attempt++)
        {
            if (QuizEngine.PassVanished(session, deck, time.GetUtcNow()) is not { } transition)
            {
                return session;
            }

            session = await store.ApplyAsync(transition, cancellationToken) switch
            {
                QuizTransitionResult.Conflict conflict => conflict.Stored,
                QuizTransitionResult.AppliedResult => transition.After,
                _ => session,
            };
        }

        return session;
    }

    private static QuizProgress Progress(QuizSession session, Deck deck) =>
        QuizEngine.Present(session, deck) is { } next
            ? new QuizProgress.Continues(next)
            : new QuizProgress.Finished(QuizEngine.Summarize(session));

    private static QuizScreen Screen(QuizSession session, Deck deck) =>
        QuizEngine.Present(session, deck) is { } current
            ? new QuizScreen.Question(deck, session, current)
            : new QuizScreen.Finished(deck, session, QuizEngine.Summarize(session));

    private DateTimeOffset StartOfDay() => Study.StudyScheduler.StartOfUtcDay(time.GetUtcNow());

    private int NextSeed()
    {
        lock (randomGate)
        {
            return random.Next();
        }
    }

    private string NewSessionId()
    {
        lock (randomGate)
        {
            return SessionIds.New(time.GetUtcNow(), random);
        }
    }
}
