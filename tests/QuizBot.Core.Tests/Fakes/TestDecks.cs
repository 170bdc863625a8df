using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>Small decks built in code for engine tests.</summary>
internal static class TestDecks
{
    public static readonly Source[] Sources =
    [
        new(1, "Russia to Develop Its Military Facilities in Kyrgyzstan", "The Defense Post", "https://example.org/1", "09.05.2023", null),
        new(2, "Russia to Develop Its Military Facilities in Kyrgyzstan", "The Defense Post", "https://example.org/1", "09.05.2023", 1),
        new(4, "Bishkek, Moscow Agree to Expand Russian Base", "RFE/RL", "https://example.org/4", "09.05.2023", null),
    ];

    /// <summary>
    /// <paramref name="facts"/> facts, each with one question of every kind; fact i has topic "even" or "odd"
    /// and cites footnote 4 (every third fact cites the article itself).
    /// </summary>
    public static Deck Build(int facts = 6, string id = "test-deck")
    {
        var list = Enumerable.Range(1, facts).Select(Fact).ToList();
        return new Deck(id, "Test deck", "For tests.", "en", new ArticleInfo("Article", null, null, null), "text", Sources, list);
    }

    public static Fact Fact(int i)
    {
        var factId = $"fact-{i}";
        var answer = $"Answer{i}";
        Question[] questions =
        [
            new($"{factId}-mc1", factId, QuestionKind.MultipleChoice, $"Which is {i}?", answer, [answer, $"Wrong{i}a", $"Wrong{i}b", $"Wrong{i}c"], [], $"Because {i}."),
            new($"{factId}-tf1", factId, QuestionKind.TrueFalse, $"Statement {i} holds.", i % 2 == 0 ? "true" : "false", [], [], $"Because {i}."),
            new($"{factId}-typed1", factId, QuestionKind.Typed, $"Type {i}.", answer, [], [$"Alias{i}"], $"Because {i}."),
            new($"{factId}-blank1", factId, QuestionKind.FillBlank, $"Fill ____ {i}.", answer, [], [], $"Because {i}."),
        ];
        int[] cites = i % 3 == 0 ? [] : [4, 2];
        return new Fact(factId, $"Statement {i}.", $"quote {i}", cites, [i % 2 == 0 ? "even" : "odd", "all"], new Card($"Front {i}", $"Back {i}"), questions);
    }
}
