namespace QuizBot.Pictures;

/// <summary>
/// A fixed, realistic player: the README's picture and the rendering benchmark are drawn from it, so both
/// can be regenerated and compared.
/// </summary>
public static class PictureSamples
{
    public static StatsCard StatsCard { get; } = new(
        DisplayName: "Aigerim Sadykova",
        Points: 1_482,
        Rank: 3,
        Answered: 312,
        Correct: 241,
        BestStreak: 14,
        DayStreak: 6,
        Topics:
        [
            new("csto", 38, 33),
            new("military-bases", 31, 24),
            new("geography", 26, 22),
            new("diplomacy", 21, 14),
            new("timeline", 18, 11),
            new("weapons", 12, 9),
            new("integration", 10, 8),
            new("regional-context", 8, 6),
        ],
        Days: Enumerable.Range(0, 30)
            .Select(i => new DayScore(
                new DateOnly(2026, 11, 6).AddDays(i),
                Answered: i % 7 == 3 ? 0 : 3 + ((i * 7) % 11),
                Correct: i % 7 == 3 ? 0 : 2 + ((i * 5) % 8)))
            .Select(d => d with { Correct = Math.Min(d.Correct, d.Answered) })
            .ToList(),
        DueByDay: [7, 3, 0, 5, 2, 4, 0, 1, 6, 2, 0, 3, 1, 2],
        CardsLearned: 23,
        CardsLearning: 9,
        CardsNew: 29);

    public static Podium Podium { get; } = new(
        "Top 3 — this week, by points",
        [
            new(1, "Timur Bekov", "412 pts · 88%"),
            new(2, "Айгерим С.", "388 pts · 91%"),
            new(3, "Li Wei", "301 pts · 79%"),
        ]);
}
