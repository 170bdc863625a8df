using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Scoring;

namespace QuizBot.Core.Quiz;

/// <summary>What the engine decided about a press: a transition to apply (with the reveal it earns), or why not.</summary>
public abstract record QuizDecision
{
    private QuizDecision()
    {
    }

    public sealed record Take(QuizTransition Transition, AnswerReveal Reveal) : QuizDecision;

    public sealed record Refuse(QuizRefusal Reason) : QuizDecision;

    public sealed record Invalid(InvalidAnswerReason Reason, int ChoiceCount) : QuizDecision;
}

/// <summary>
/// The quiz's decisions, pure and deterministic: which questions a quiz asks, how a question is presented,
/// how an answer is judged and scored, and what the session looks like afterwards. Nothing here reads a
/// clock or a store; <see cref="QuizService"/> applies the decisions.
/// </summary>
public static class QuizEngine
{
    public const int MinLength = 1;
    public const int MaxLength = 25;
    public const int DefaultLength = 10;

    /// <summary>
    /// Chooses the questions of a new quiz: the player's least-seen questions first; among equally seen ones,
    /// questions about facts not yet in the quiz, then the kind used least so far (so kinds mix), then a shuffle
    /// seeded by <paramref name="seed"/>. No question twice.
    /// </summary>
    public static QuizPlan PlanQuiz(
        Deck deck, string? topic, int? length, IReadOnlyDictionary<string, int> seenCounts, int seed, IReadOnlySet<string>? heldBack = null)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(seenCounts);
        var count = length ?? DefaultLength;
        if (count is < MinLength or > MaxLength)
        {
            return QuizPlan.Rejected(QuizStartError.InvalidLength);
        }

        string? canonicalTopic = null;
        if (!string.IsNullOrWhiteSpace(topic))
        {
            canonicalTopic = deck.Topics.FirstOrDefault(t => string.Equals(t, topic.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonicalTopic is null)
            {
                return QuizPlan.Rejected(QuizStartError.NoQuestions);
            }
        }

        var candidates = QuestionsOn(deck, canonicalTopic).DistinctBy(q => q.Id).ToList();
        if (candidates.Count == 0)
        {
            return QuizPlan.Rejected(QuizStartError.NoQuestions);
        }

        // A question whose answer the member saw today by a skip is not asked again for points that day.
        candidates.RemoveAll(q => heldBack?.Contains(q.Id) == true);
        if (candidates.Count == 0)
        {
            return QuizPlan.Rejected(QuizStartError.AllHeldBackToday);
        }

        var pool = Shuffle(candidates, new Random(seed));

        // Each pick takes the pool's least (seen, fact already used, kind count, shuffled order). The seen counts are
        // looked up once per candidate, not once per candidate per pick.
        var seen = pool.ConvertAll(q => seenCounts.GetValueOrDefault(q.Id));
        var picked = new List<string>(count);
        var factsUsed = new HashSet<string>(StringComparer.Ordinal);
        var kindsUsed = new Dictionary<QuestionKind, int>();
        while (picked.Count < count && pool.Count > 0)
        {
            var best = 0;
            var bestKey = (0, 0, 0);
            for (var i = 0; i < pool.Count; i++)
            {
                var key = (seen[i], factsUsed.Contains(pool[i].FactId) ? 1 : 0, kindsUsed.GetValueOrDefault(pool[i].Kind));
                if (i == 0 || key.CompareTo(bestKey) < 0)
                {
                    (best, bestKey) = (i, key);
                }
            }

            var next = pool[best];
            pool.RemoveAt(best);
            seen.RemoveAt(best);
            picked.Add(next.Id);
            factsUsed.Add(next.FactId);
            kindsUsed[next.Kind] = kindsUsed.GetValueOrDefault(next.Kind) + 1;
        }

        return new QuizPlan(picked, canonicalTopic, null);
    }

    /// <summary>A review quiz: the player's missed questions still in the deck, newest miss first.</summary>
    public static QuizPlan PlanReview(Deck deck, IReadOnlyList<string> missedQuestionIds, int? length)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(missedQuestionIds);
        var count = length ?? DefaultLength;
        if (count is < MinLength or > MaxLength)
        {
            return QuizPlan.Rejected(QuizStartError.InvalidLength);
        }

        var known = deck.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var ids = missedQuestionIds.Where(known.Contains).Distinct(StringComparer.Ordinal).Take(count).ToList();
        return ids.Count == 0
            ? QuizPlan.Rejected(QuizStartError.NothingToReview)
            : new QuizPlan(ids, null, null);
    }

    public static QuizSession NewSession(string sessionId, PlayerKey player, Deck deck, QuizMode mode, QuizPlan plan, int seed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsValid)
        {
            throw new ArgumentException("Cannot start a session from a rejected plan.", nameof(plan));
        }

        return new QuizSession(sessionId, player, deck.Id, mode, plan.Topic, plan.QuestionIds, 0, 0, 0, 0, 0, 0, seed, now, null);
    }

    /// <summary>The question at the session's position, or null when the quiz is over or the question left the deck.</summary>
    public static PresentedQuestion? Present(QuizSession session, Deck deck)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(deck);
        if (session.IsFinished || session.Position >= session.QuestionIds.Count)
        {
            return null;
        }

        if (deck.FindQuestion(session.QuestionIds[session.Position]) is not (var question, var fact))
        {
            return null;
        }

        var (choices, order) = question.Kind switch
        {
            QuestionKind.MultipleChoice => MultipleChoiceOrder(question, session.Seed, session.Position),
            QuestionKind.TrueFalse => (["True", "False"], [0, 1]),
            _ => ((IReadOnlyList<string>)[], (IReadOnlyList<int>)[]),
        };
        return new PresentedQuestion(session.Id, session.Position, session.QuestionIds.Count, question, fact, choices, order);
    }

    /// <summary>
    /// Judges and scores an answer to question <paramref name="questionIndex"/> of the session. A personal quiz's answer
    /// holds only if no skip showed the member this question's answer since the start of the UTC day
    /// (<see cref="QuizTransition.NotRevealedSince"/>, checked by the store); when it does not, the service asks again
    /// with <paramref name="revealedBySkipToday"/> and the answer is judged, shown, and scored as a skip.
    /// </summary>
    public static QuizDecision Answer(
        QuizSession session, Deck deck, PlayerKey player, string displayName, int questionIndex, PlayerAnswer answer, DateTimeOffset now, bool revealedBySkipToday = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Check(session, deck, player, questionIndex) is { } refused)
        {
            return refused;
        }

        if (Present(session, deck) is not { } presented)
        {
            return new QuizDecision.Refuse(QuizRefusal.QuestionGone);
        }

        var question = presented.Question;
        AnswerVerdict verdict;
        if (presented.IsTyped)
        {
            if (answer.ChoiceIndex is not null)
            {
                return new QuizDecision.Invalid(InvalidAnswerReason.NeedsTypedAnswer, 0);
            }

            verdict = AnswerJudge.JudgeTyped(question, answer.Text);
        }
        else
        {
            if (answer.ChoiceIndex is not { } index)
            {
                return new QuizDecision.Invalid(InvalidAnswerReason.NeedsChoice, presented.Choices.Count);
            }

            verdict = AnswerJudge.JudgeChoice(question, presented.ChoiceOrder, index);
            if (verdict.Match == AnswerMatch.InvalidChoice)
            {
                return new QuizDecision.Invalid(InvalidAnswerReason.ChoiceOutOfRange, presented.Choices.Count);
            }
        }

        // What the member gave, kept with the step so a replayed reveal can say it again.
        var given = presented.IsTyped ? answer.Text : presented.Choices[answer.ChoiceIndex!.Value];
        var citations = CitationFormatter.For(deck).Cite(presented.Fact);
        if (revealedBySkipToday)
        {
            var unscored = new QuizStepRecord(session.Id, questionIndex, question.Id, QuizStepKind.Unscored, verdict.Match, given, 0, 0, now);
            var shown = new AnswerReveal(question, presented.Fact, citations, verdict, false, 0, 0) { Given = given, RevealedBySkipToday = true };
            return new QuizDecision.Take(new QuizTransition(session, Advance(session, now) with { Streak = 0 }, [unscored], null), shown);
        }

        var correct = verdict.IsCorrect;
        var points = ScoringRules.PointsFor(question.Kind, correct, session.Streak);
        var streak = correct ? session.Streak + 1 : 0;
        var after = Advance(session, now) with
        {
            Answered = session.Answered + 1,
            Correct = session.Correct + (correct ? 1 : 0),
            Points = session.Points + points,
            Streak = streak,
            BestStreak = Math.Max(session.BestStreak, streak),
        };
        var record = new AnswerRecord(
            session.Player, displayName, session.Id, questionIndex, question.Id, presented.Fact.Id, presented.Fact.Topics, correct, points, session.Mode, now);
        var step = new QuizStepRecord(session.Id, questionIndex, question.Id, QuizStepKind.Answered, verdict.Match, given, points, streak, now);
        var reveal = new AnswerReveal(question, presented.Fact, citations, verdict, false, points, streak) { Given = given };
        var transition = new QuizTransition(session, after, [step], record)
        {
            NotRevealedSince = session.IsPersonal ? Study.StudyScheduler.StartOfUtcDay(now) : null,
        };
        return new QuizDecision.Take(transition, reveal);
    }

    /// <summary>Skips question <paramref name="questionIndex"/>: no points, the streak starts again, the answer is revealed.</summary>
    public static QuizDecision Skip(QuizSession session, Deck deck, PlayerKey player, int questionIndex, DateTimeOffset now)
    {
        if (Check(session, deck, player, questionIndex) is { } refused)
        {
            return refused;
        }

        if (Present(session, deck) is not { } presented)
        {
            return new QuizDecision.Refuse(QuizRefusal.QuestionGone);
        }

        var after = Advance(session, now) with { Streak = 0 };
        var verdict = new AnswerVerdict(AnswerMatch.Wrong, CanonicalAnswer(presented.Question));
        var step = new QuizStepRecord(session.Id, questionIndex, presented.Question.Id, QuizStepKind.Skipped, AnswerMatch.Wrong, null, 0, 0, now);
        var reveal = new AnswerReveal(presented.Question, presented.Fact, CitationFormatter.For(deck).Cite(presented.Fact), verdict, true, 0, 0);
        return new QuizDecision.Take(new QuizTransition(session, after, [step], null), reveal);
    }

    /// <summary>
    /// Passes over the current question because it left the deck since the quiz started, so a quiz never gets
    /// stuck; null when the current question is still there (or the quiz is over).
    /// </summary>
    public static QuizTransition? PassVanished(QuizSession session, Deck deck, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(deck);
        // Only whether the question is still there: Present would also shuffle its choices.
        if (session.IsFinished || session.Position >= session.QuestionIds.Count || deck.FindQuestion(session.QuestionIds[session.Position]) is not null)
        {
            return null;
        }

        var after = Advance(session, now) with { Streak = 0 };
        var step = new QuizStepRecord(session.Id, session.Position, session.QuestionIds[session.Position], QuizStepKind.Skipped, AnswerMatch.Wrong, null, 0, 0, now);
        return new QuizTransition(session, after, [step], null);
    }

    /// <summary>Ends the quiz now: every question not yet closed counts as wrong in its score (nothing is revealed).</summary>
    public static QuizTransition? Abandon(QuizSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.IsFinished)
        {
            return null;
        }

        var steps = Enumerable.Range(session.Position, session.QuestionIds.Count - session.Position)
            .Select(i => new QuizStepRecord(session.Id, i, session.QuestionIds[i], QuizStepKind.Abandoned, AnswerMatch.Wrong, null, 0, 0, now))
            .ToList();
        var after = session with { Position = session.QuestionIds.Count, Streak = 0, FinishedAt = now, Version = session.Version + 1 };
        return new QuizTransition(session, after, steps, null);
    }

    /// <summary>
    /// The reveal of a question already closed, rebuilt from its stored step: the same verdict, points, streak and
    /// citation as when it happened. Null when the question has left the deck.
    /// </summary>
    public static AnswerReveal? Replay(QuizStepRecord step, Deck deck)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(deck);
        if (deck.FindQuestion(step.QuestionId) is not (var question, var fact))
        {
            return null;
        }

        var answered = step.Kind is QuizStepKind.Answered or QuizStepKind.Unscored;
        return new AnswerReveal(
            question,
            fact,
            CitationFormatter.For(deck).Cite(fact),
            new AnswerVerdict(answered ? step.Match : AnswerMatch.Wrong, CanonicalAnswer(question)),
            !answered,
            step.Points,
            step.StreakAfter) { Given = step.Given, RevealedBySkipToday = step.Kind == QuizStepKind.Unscored };
    }

    public static QuizSummary Summarize(QuizSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new QuizSummary(session.QuestionIds.Count, session.Answered, session.Correct, session.Points, session.BestStreak);
    }

    private static QuizDecision? Check(QuizSession session, Deck deck, PlayerKey player, int questionIndex)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(deck);
        if (session.DeckId != deck.Id)
        {
            return new QuizDecision.Refuse(QuizRefusal.NotFound);
        }

        if (session.Player != player)
        {
            return new QuizDecision.Refuse(QuizRefusal.NotYours);
        }

        if (session.IsFinished)
        {
            return new QuizDecision.Refuse(QuizRefusal.Ended);
        }

        if (questionIndex < session.Position)
        {
            return new QuizDecision.Refuse(QuizRefusal.AlreadyClosed);
        }

        return questionIndex > session.Position ? new QuizDecision.Refuse(QuizRefusal.NotShownYet) : null;
    }

    private static QuizSession Advance(QuizSession session, DateTimeOffset now)
    {
        var position = session.Position + 1;
        return session with { Position = position, FinishedAt = position >= session.QuestionIds.Count ? now : null, Version = session.Version + 1 };
    }

    public static string CanonicalAnswer(Question question) => question.Kind == QuestionKind.TrueFalse
        ? (AnswerJudge.IsTrue(question) ? "True" : "False")
        : question.Answer;

    private static (IReadOnlyList<string> Choices, IReadOnlyList<int> Order) MultipleChoiceOrder(Question question, int seed, int position)
    {
        var order = Shuffle(Enumerable.Range(0, question.Choices.Count).ToList(), new Random(StableSeed.Of(question.Id, seed ^ (position * 7919))));
        return (order.Select(i => question.Choices[i]).ToList(), order);
    }

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private static IEnumerable<Question> QuestionsOn(Deck deck, string? topic) => topic is null
        ? deck.Questions
        : deck.Facts.Where(f => f.Topics.Contains(topic, StringComparer.Ordinal)).SelectMany(f => f.Questions);
}
