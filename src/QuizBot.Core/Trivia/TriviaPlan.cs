using QuizBot.Core.Decks;

namespace QuizBot.Core.Trivia;

/// <summary>
/// The questions of a new game, decided once at its start from the deck, the topic and a seed: which questions, in
/// which order, with their choices in which order. Stored as the game's rounds, so a restart replays the same game.
/// </summary>
public sealed record TriviaPlan(string? Topic, int Seconds, IReadOnlyList<TriviaRoundRecord> Rounds, TriviaShortening Shortening)
{
    /// <summary>
    /// Plans <paramref name="questionCount"/> questions (default 10, 1–20) of <paramref name="seconds"/> seconds each
    /// (default 20, 10–60) on <paramref name="topic"/> (null for all), from the deck's multiple-choice and true/false
    /// questions in an order shuffled by <paramref name="seed"/> (one question per fact before any fact repeats; no
    /// question twice), cut to what fits in <see cref="TriviaRules.MaxPlayTime"/> and to the questions available.
    /// </summary>
    public static (TriviaPlan? Plan, TriviaStartOutcome.Refused? Refusal) Create(Deck deck, string? topic, int? questionCount, int? seconds, int seed)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var wanted = questionCount ?? TriviaRules.DefaultQuestions;
        if (wanted is < TriviaRules.MinQuestions or > TriviaRules.MaxQuestions)
        {
            return (null, new(TriviaStartRefusal.QuestionsOutOfRange, wanted));
        }

        var limit = seconds ?? TriviaRules.DefaultSeconds;
        if (limit is < TriviaRules.MinSeconds or > TriviaRules.MaxSeconds)
        {
            return (null, new(TriviaStartRefusal.SecondsOutOfRange, limit));
        }

        string? canonicalTopic = null;
        if (!string.IsNullOrWhiteSpace(topic))
        {
            canonicalTopic = deck.Topics.FirstOrDefault(t => string.Equals(t, topic.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonicalTopic is null)
            {
                return (null, new(TriviaStartRefusal.UnknownTopic, Topic: topic.Trim(), KnownTopics: deck.Topics));
            }
        }

        var pool = Pick(deck, canonicalTopic, seed);
        if (pool.Count == 0)
        {
            return (null, new(TriviaStartRefusal.NoButtonQuestions, Topic: canonicalTopic));
        }

        var shortening = TriviaShortening.None;
        var count = wanted;
        var fits = TriviaRules.MaxQuestionsFor(limit);
        if (count > fits)
        {
            count = fits;
            shortening = TriviaShortening.ToPlayTime;
        }

        if (count > pool.Count)
        {
            count = pool.Count;
            shortening = TriviaShortening.ToAvailableQuestions;
        }

        var rounds = pool.Take(count)
            .Select((question, index) => new TriviaRoundRecord(index, question.Id, ChoiceOrder(question, seed), null, null, null, null, null))
            .ToList();
        return (new TriviaPlan(canonicalTopic, limit, rounds, shortening), null);
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

    private static List<int> ChoiceOrder(Question question, int seed)
    {
        if (question.Kind == QuestionKind.TrueFalse)
        {
            return [0, 1];
        }

        var order = Enumerable.Range(0, question.Choices.Count).ToList();
        Shuffle(order, new Random(StableSeed.Of(question.Id, seed)));
        return order;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
