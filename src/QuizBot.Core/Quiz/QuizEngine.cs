using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Scoring;

namespace QuizBot.Core.Quiz;

/// <summary>What the engine decided about an answer or a skip; <see cref="Record"/> is null for a skip.</summary>
public sealed record QuizStep(
    QuizStepStatus Status,
    string Message,
    QuizSession? SessionAfter,
    AnswerRecord? Record,
    AnswerReveal? Reveal)
{
    public static QuizStep Refused(QuizStepStatus status, string message) => new(status, message, null, null, null);
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
    public static QuizPlan PlanQuiz(Deck deck, string? topic, int? length, IReadOnlyDictionary<string, int> seenCounts, int seed)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(seenCounts);
        var count = length ?? DefaultLength;
        if (count is < MinLength or > MaxLength)
        {
            return QuizPlan.Rejected(QuizStartError.InvalidLength, $"A quiz has {MinLength} to {MaxLength} questions; {count} is out of range.");
        }

        string? canonicalTopic = null;
        if (!string.IsNullOrWhiteSpace(topic))
        {
            canonicalTopic = deck.Topics.FirstOrDefault(t => string.Equals(t, topic.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonicalTopic is null)
            {
                return QuizPlan.Rejected(QuizStartError.UnknownTopic, $"There is no topic \"{topic.Trim()}\". Topics: {string.Join(", ", deck.Topics)}.");
            }
        }

        var pool = Shuffle(QuestionsOn(deck, canonicalTopic).DistinctBy(q => q.Id).ToList(), new Random(seed));
        if (pool.Count == 0)
        {
            return QuizPlan.Rejected(QuizStartError.NoQuestions, "This deck has no questions on that topic.");
        }

        var picked = new List<Question>(count);
        var factsUsed = new HashSet<string>(StringComparer.Ordinal);
        var kindsUsed = new Dictionary<QuestionKind, int>();
        while (picked.Count < count && pool.Count > 0)
        {
            var next = pool
                .Select((question, order) => (question, order))
                .MinBy(c => (
                    seenCounts.GetValueOrDefault(c.question.Id),
                    factsUsed.Contains(c.question.FactId) ? 1 : 0,
                    kindsUsed.GetValueOrDefault(c.question.Kind),
                    c.order))
                .question;
            pool.Remove(next);
            picked.Add(next);
            factsUsed.Add(next.FactId);
            kindsUsed[next.Kind] = kindsUsed.GetValueOrDefault(next.Kind) + 1;
        }

        return new QuizPlan(picked.Select(q => q.Id).ToList(), canonicalTopic, null, string.Empty);
    }

    /// <summary>A review quiz: the player's missed questions still in the deck, newest miss first.</summary>
    public static QuizPlan PlanReview(Deck deck, IReadOnlyList<string> missedQuestionIds, int? length)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(missedQuestionIds);
        var count = length ?? DefaultLength;
        if (count is < MinLength or > MaxLength)
        {
            return QuizPlan.Rejected(QuizStartError.InvalidLength, $"A quiz has {MinLength} to {MaxLength} questions; {count} is out of range.");
        }

        var known = deck.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var ids = missedQuestionIds.Where(known.Contains).Distinct(StringComparer.Ordinal).Take(count).ToList();
        return ids.Count == 0
            ? QuizPlan.Rejected(QuizStartError.NothingToReview, "Nothing to review: you have not missed any question lately.")
            : new QuizPlan(ids, null, null, string.Empty);
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

        var question = deck.Questions.FirstOrDefault(q => q.Id == session.QuestionIds[session.Position]);
        var fact = question is null ? null : deck.Facts.FirstOrDefault(f => f.Id == question.FactId);
        if (question is null || fact is null)
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

    /// <summary>Judges and scores an answer to question <paramref name="questionIndex"/> of the session.</summary>
    public static QuizStep Answer(QuizSession session, Deck deck, PlayerKey player, string displayName, int questionIndex, PlayerAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Check(session, deck, player, questionIndex) is { } refused)
        {
            return refused;
        }

        var presented = Present(session, deck);
        if (presented is null)
        {
            return QuizStep.Refused(QuizStepStatus.AlreadyAnswered, "That question is no longer in the deck; skip it to go on.");
        }

        var question = presented.Question;
        AnswerVerdict verdict;
        if (presented.IsTyped)
        {
            if (answer.ChoiceIndex is not null)
            {
                return QuizStep.Refused(QuizStepStatus.InvalidAnswer, "This question needs a typed answer.");
            }

            verdict = AnswerJudge.JudgeTyped(question, answer.Text);
        }
        else
        {
            if (answer.ChoiceIndex is not { } index)
            {
                return QuizStep.Refused(QuizStepStatus.InvalidAnswer, "Pick one of the choices.");
            }

            verdict = AnswerJudge.JudgeChoice(question, presented.ChoiceOrder, index);
            if (verdict.Match == AnswerMatch.InvalidChoice)
            {
                return QuizStep.Refused(QuizStepStatus.InvalidAnswer, $"Pick a choice from 1 to {presented.Choices.Count}.");
            }
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
        var reveal = new AnswerReveal(question, presented.Fact, new CitationFormatter(deck).Cite(presented.Fact), verdict, false, points, streak);
        return new QuizStep(QuizStepStatus.Revealed, string.Empty, after, record, reveal);
    }

    /// <summary>Skips question <paramref name="questionIndex"/>: no points, the streak starts again, the answer is revealed.</summary>
    public static QuizStep Skip(QuizSession session, Deck deck, PlayerKey player, int questionIndex, DateTimeOffset now)
    {
        if (Check(session, deck, player, questionIndex) is { } refused)
        {
            return refused;
        }

        var after = Advance(session, now) with { Streak = 0 };
        var presented = Present(session, deck);
        var reveal = presented is null
            ? null
            : new AnswerReveal(
                presented.Question,
                presented.Fact,
                new CitationFormatter(deck).Cite(presented.Fact),
                new AnswerVerdict(AnswerMatch.Wrong, CanonicalAnswer(presented.Question)),
                true,
                0,
                0);
        return new QuizStep(QuizStepStatus.Revealed, string.Empty, after, null, reveal);
    }

    public static QuizSummary Summarize(QuizSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new QuizSummary(session.QuestionIds.Count, session.Answered, session.Correct, session.Points, session.BestStreak);
    }

    private static QuizStep? Check(QuizSession session, Deck deck, PlayerKey player, int questionIndex)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(deck);
        if (session.DeckId != deck.Id)
        {
            return QuizStep.Refused(QuizStepStatus.NotFound, "This quiz has ended.");
        }

        if (session.Player != player)
        {
            return QuizStep.Refused(QuizStepStatus.NotYourQuiz, "This is someone else's quiz.");
        }

        if (session.IsFinished || questionIndex != session.Position)
        {
            return QuizStep.Refused(QuizStepStatus.AlreadyAnswered, session.IsFinished ? "This quiz has ended." : "That question was already answered.");
        }

        return null;
    }

    private static QuizSession Advance(QuizSession session, DateTimeOffset now)
    {
        var position = session.Position + 1;
        return session with { Position = position, FinishedAt = position >= session.QuestionIds.Count ? now : null };
    }

    private static string CanonicalAnswer(Question question) => question.Kind == QuestionKind.TrueFalse
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
