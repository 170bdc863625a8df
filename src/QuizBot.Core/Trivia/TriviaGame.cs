using System.Globalization;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Trivia;

/// <summary>
/// One live trivia game: its questions, the current question's deadline, who answered what, and the standings.
/// It decides everything (which questions, the order of choices, whether an answer counts and for how many
/// points, the reveals) from its seed and the clock it is given, and stores nothing; the caller applies the
/// decisions. Not thread-safe: the caller serialises access to one game.
/// </summary>
public sealed class TriviaGame
{
    private readonly TimeProvider time;
    private readonly CitationFormatter citations;
    private readonly IReadOnlyList<TriviaQuestion> questions;
    private readonly Dictionary<string, PlayerTally> players = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GivenAnswer> currentAnswers = new(StringComparer.Ordinal);

    private TriviaGame(string id, Deck deck, string? topic, IReadOnlyList<TriviaQuestion> questions, TimeSpan timeLimit, int seed, TimeProvider time)
    {
        Id = id;
        DeckId = deck.Id;
        Topic = topic;
        this.questions = questions;
        TimeLimit = timeLimit;
        Seed = seed;
        this.time = time;
        citations = new CitationFormatter(deck);
        StartedAt = time.GetUtcNow();
        QuestionStartedAt = StartedAt;
    }

    public string Id { get; }

    public string DeckId { get; }

    public string? Topic { get; }

    public int Seed { get; }

    public TimeSpan TimeLimit { get; }

    public DateTimeOffset StartedAt { get; }

    public int Total => questions.Count;

    /// <summary>The index of the question being asked; after the end, the index of the last one asked.</summary>
    public int CurrentIndex { get; private set; }

    public DateTimeOffset QuestionStartedAt { get; private set; }

    public DateTimeOffset Deadline => QuestionStartedAt + TimeLimit;

    public bool IsFinished { get; private set; }

    /// <summary>The question being asked, with its deadline; null once the game is over.</summary>
    public TriviaQuestion? Current => IsFinished ? null : questions[CurrentIndex] with { Deadline = Deadline };

    /// <summary>Whether the current question's time has run out, so it should be revealed.</summary>
    public bool IsDue => !IsFinished && time.GetUtcNow() >= Deadline;

    /// <summary>The id under which a player's answers in this game are stored (one session per player per game).</summary>
    public string SessionIdOf(PlayerKey player) => $"trivia:{Id}:{player.UserId}";

    /// <summary>
    /// Sets up a game of <paramref name="questionCount"/> questions (default 10, 1–20) of <paramref name="seconds"/>
    /// seconds each (default 20, 10–60) on <paramref name="topic"/> (null for all), from the deck's multiple-choice
    /// and true/false questions in an order shuffled by <paramref name="seed"/> (one question per fact before any
    /// fact repeats; no question twice). Cut to what fits in <see cref="TriviaRules.MaxPlayTime"/> and to the
    /// questions available, saying so in the notice. The first question starts now.
    /// </summary>
    public static TriviaSetup Create(string id, Deck deck, string? topic, int? questionCount, int? seconds, int seed, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(time);
        var wanted = questionCount ?? TriviaRules.DefaultQuestions;
        if (wanted is < TriviaRules.MinQuestions or > TriviaRules.MaxQuestions)
        {
            return TriviaSetup.Rejected($"A trivia game has {TriviaRules.MinQuestions} to {TriviaRules.MaxQuestions} questions; {wanted} is out of range.");
        }

        var limit = seconds ?? TriviaRules.DefaultSeconds;
        if (limit is < TriviaRules.MinSeconds or > TriviaRules.MaxSeconds)
        {
            return TriviaSetup.Rejected($"Each question lasts {TriviaRules.MinSeconds} to {TriviaRules.MaxSeconds} seconds; {limit} is out of range.");
        }

        string? canonicalTopic = null;
        if (!string.IsNullOrWhiteSpace(topic))
        {
            canonicalTopic = deck.Topics.FirstOrDefault(t => string.Equals(t, topic.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonicalTopic is null)
            {
                return TriviaSetup.Rejected($"There is no topic \"{topic.Trim()}\". Topics: {string.Join(", ", deck.Topics)}.");
            }
        }

        var pool = Pick(deck, canonicalTopic, seed);
        if (pool.Count == 0)
        {
            return TriviaSetup.Rejected("This deck has no multiple-choice or true/false questions on that topic.");
        }

        string? notice = null;
        var count = wanted;
        var fits = TriviaRules.MaxQuestionsFor(limit);
        if (count > fits)
        {
            count = fits;
            notice = $"Cut to {count} questions: {count} × {limit} seconds is what fits in the 15 minutes Discord gives a game.";
        }

        if (count > pool.Count)
        {
            count = pool.Count;
            notice = $"Only {count} button questions are available{(canonicalTopic is null ? "" : $" on {canonicalTopic}")}, so the game has {count}.";
        }

        var facts = deck.Facts.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var presented = pool.Take(count)
            .Select((question, index) => Present(question, facts[question.FactId], index, count, seed))
            .ToList();
        var game = new TriviaGame(id, deck, canonicalTopic, presented, TimeSpan.FromSeconds(limit), seed, time);
        return new TriviaSetup(game, "", notice);
    }

    /// <summary>
    /// A member's press of choice <paramref name="choice"/> on question <paramref name="questionIndex"/>. The first
    /// answer of each member counts; later presses, presses at or after the deadline, and presses on other questions
    /// change nothing.
    /// </summary>
    public TriviaAnswerResult Answer(PlayerKey player, string displayName, int questionIndex, int choice)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        if (IsFinished)
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.GameOver);
        }

        if (questionIndex < CurrentIndex)
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.TooLate);
        }

        if (questionIndex > CurrentIndex)
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.Invalid);
        }

        var now = time.GetUtcNow();
        if (now >= Deadline)
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.TooLate);
        }

        if (currentAnswers.TryGetValue(player.UserId, out var earlier))
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.AlreadyAnswered, ChoiceLabel(questions[CurrentIndex], earlier.Choice));
        }

        var current = questions[CurrentIndex];
        var verdict = AnswerJudge.JudgeChoice(current.Question, current.ChoiceOrder, choice);
        if (verdict.Match == AnswerMatch.InvalidChoice)
        {
            return TriviaAnswerResult.Refused(TriviaAnswerStatus.Invalid);
        }

        var elapsed = now - QuestionStartedAt;
        var correct = verdict.IsCorrect;
        var points = TriviaRules.PointsFor(current.Question.Kind, correct, elapsed, TimeLimit);
        currentAnswers[player.UserId] = new GivenAnswer(displayName, choice, correct, points, elapsed);

        var tally = players.TryGetValue(player.UserId, out var known) ? known : new PlayerTally(player, displayName, 0, 0, 0, 0, 0);
        var streak = correct ? tally.Streak + 1 : 0;
        tally = tally with
        {
            DisplayName = displayName,
            Points = tally.Points + points,
            Correct = tally.Correct + (correct ? 1 : 0),
            Answered = tally.Answered + 1,
            Streak = streak,
            BestStreak = Math.Max(tally.BestStreak, streak),
        };
        players[player.UserId] = tally;

        var sessionId = SessionIdOf(player);
        var record = new AnswerRecord(
            player, displayName, sessionId, questionIndex, current.Question.Id, current.Fact.Id, current.Fact.Topics, correct, points, QuizMode.Trivia, now);
        var isLast = questionIndex == Total - 1;
        var session = new QuizSession(
            sessionId,
            player,
            DeckId,
            QuizMode.Trivia,
            Topic,
            questions.Select(q => q.Question.Id).ToList(),
            questionIndex + 1,
            tally.Answered,
            tally.Correct,
            tally.Points,
            tally.Streak,
            tally.BestStreak,
            Seed,
            StartedAt,
            isLast ? now : null);
        return new TriviaAnswerResult(TriviaAnswerStatus.Accepted, ChoiceLabel(current, choice), record, session);
    }

    /// <summary>
    /// Ends the current question: returns its reveal and moves on, starting the next question now (or ending the
    /// game after the last). Null when the game is already over.
    /// </summary>
    public TriviaReveal? CloseQuestion()
    {
        if (IsFinished)
        {
            return null;
        }

        var reveal = Reveal(stopped: false);
        if (CurrentIndex + 1 < Total)
        {
            CurrentIndex++;
            QuestionStartedAt = time.GetUtcNow();
            currentAnswers.Clear();
        }
        else
        {
            IsFinished = true;
        }

        return reveal;
    }

    /// <summary>Stops the game early: reveals the current question (its answers were already scored) and ends. Null when already over.</summary>
    public TriviaReveal? Stop()
    {
        if (IsFinished)
        {
            return null;
        }

        IsFinished = true;
        return Reveal(stopped: true);
    }

    /// <summary>Everyone who answered, most points first; then more right answers; then name.</summary>
    public IReadOnlyList<TriviaStanding> Standings()
    {
        var ordered = players.Values
            .OrderByDescending(p => p.Points)
            .ThenByDescending(p => p.Correct)
            .ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .ThenBy(p => p.Player.UserId, StringComparer.Ordinal)
            .ToList();
        var standings = new List<TriviaStanding>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            var rank = i > 0 && ordered[i - 1].Points == p.Points ? standings[i - 1].Rank : i + 1;
            standings.Add(new TriviaStanding(rank, p.Player, p.DisplayName, p.Points, p.Correct, p.Answered));
        }

        return standings;
    }

    public static string Letter(int index) => ((char)('A' + index)).ToString(CultureInfo.InvariantCulture);

    /// <summary>How a choice is named briefly: its letter for multiple choice, "True" or "False" for true/false.</summary>
    public static string ChoiceLabel(TriviaQuestion question, int position)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Question.Kind == QuestionKind.TrueFalse ? question.Choices[position] : Letter(position);
    }

    private TriviaReveal Reveal(bool stopped)
    {
        var current = questions[CurrentIndex] with { Deadline = Deadline };
        var rightPosition = RightPosition(current);
        var hits = currentAnswers.Values
            .Where(a => a.Correct)
            .OrderByDescending(a => a.Points)
            .ThenBy(a => a.Elapsed)
            .ThenBy(a => a.DisplayName, StringComparer.Ordinal)
            .Select(a => new TriviaHit(a.DisplayName, a.Points, a.Elapsed))
            .ToList();
        return new TriviaReveal(
            current,
            ChoiceLabel(current, rightPosition),
            current.Choices[rightPosition],
            citations.Cite(current.Fact),
            hits,
            currentAnswers.Count,
            IsLast: stopped || CurrentIndex == Total - 1,
            stopped);
    }

    private static int RightPosition(TriviaQuestion question)
    {
        if (question.Question.Kind == QuestionKind.TrueFalse)
        {
            return AnswerJudge.IsTrue(question.Question) ? 0 : 1;
        }

        var right = AnswerJudge.RightChoiceIndex(question.Question);
        for (var position = 0; position < question.ChoiceOrder.Count; position++)
        {
            if (question.ChoiceOrder[position] == right)
            {
                return position;
            }
        }

        return 0;
    }

    /// <summary>The button questions in a seeded shuffle, reordered so every fact is asked once before any is asked again.</summary>
    private static List<Question> Pick(Deck deck, string? topic, int seed)
    {
        var candidates = deck.Facts
            .Where(f => topic is null || f.Topics.Contains(topic, StringComparer.Ordinal))
            .SelectMany(f => f.Questions)
            .Where(q => TriviaRules.IsButtonAnswerable(q.Kind))
            .DistinctBy(q => q.Id)
            .ToList();
        Shuffle(candidates, new Random(seed));
        var seenPerFact = new Dictionary<string, int>(StringComparer.Ordinal);
        return candidates
            .Select((question, order) =>
            {
                var round = seenPerFact.GetValueOrDefault(question.FactId);
                seenPerFact[question.FactId] = round + 1;
                return (question, round, order);
            })
            .ToList()
            .OrderBy(c => c.round)
            .ThenBy(c => c.order)
            .Select(c => c.question)
            .ToList();
    }

    private static TriviaQuestion Present(Question question, Fact fact, int index, int total, int seed)
    {
        if (question.Kind == QuestionKind.TrueFalse)
        {
            return new TriviaQuestion(index, total, question, fact, ["True", "False"], [0, 1], default);
        }

        var order = Enumerable.Range(0, question.Choices.Count).ToList();
        Shuffle(order, new Random(StableSeed.Of(question.Id, seed)));
        return new TriviaQuestion(index, total, question, fact, order.Select(i => question.Choices[i]).ToList(), order, default);
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed record PlayerTally(PlayerKey Player, string DisplayName, int Points, int Correct, int Answered, int Streak, int BestStreak);

    private sealed record GivenAnswer(string DisplayName, int Choice, bool Correct, int Points, TimeSpan Elapsed);
}
