namespace QuizBot.Pictures;

/// <summary>Accuracy on one topic.</summary>
public sealed record TopicScore(string Name, int Answered, int Correct);

/// <summary>Answers and right answers on one day.</summary>
public sealed record DayScore(DateOnly Day, int Answered, int Correct);

/// <summary>
/// Everything the stats card shows, as plain data: the player, their totals, accuracy per topic, answers per
/// day (oldest first), flashcards due per coming day (index 0 is today), and cards by learning phase.
/// </summary>
public sealed record StatsCard(
    string DisplayName,
    int Points,
    int? Rank,
    int Answered,
    int Correct,
    int BestStreak,
    int DayStreak,
    IReadOnlyList<TopicScore> Topics,
    IReadOnlyList<DayScore> Days,
    IReadOnlyList<int> DueByDay,
    int CardsLearned,
    int CardsLearning,
    int CardsNew);

/// <summary>One place on the podium: rank 1 to 3, the name, and the score as it should read ("120 pts").</summary>
public sealed record PodiumPlace(int Rank, string DisplayName, string Score);

/// <summary>The leaderboard's top three, with a title such as "Top 3 — this week, by points".</summary>
public sealed record Podium(string Title, IReadOnlyList<PodiumPlace> Places);

/// <summary>An encoded picture and its size in pixels.</summary>
public sealed record RenderedPicture(byte[] Png, int Width, int Height);
