using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;

namespace QuizBot.Core.Daily;

/// <summary>A deck's question picked for one scope's day.</summary>
public sealed record DailyPick(Deck Deck, Question Question);

/// <summary>
/// Picks a scope's question of the day: one answerable with buttons, chosen by a seed of the scope and date (so
/// the same day gives the same pick), leaving out the scope's recent daily questions while enough others remain.
/// </summary>
public sealed class DailyPicker
{
    /// <summary>Buttons fit five to a row in five rows.</summary>
    public const int MaxChoices = 25;

    /// <summary>How many of the scope's latest daily questions to avoid repeating.</summary>
    public const int RecentWindow = 60;

    private readonly List<DailyPick> candidates;

    public DailyPicker(DeckCatalog library)
    {
        ArgumentNullException.ThrowIfNull(library);
        candidates = library.Decks
            .SelectMany(deck => deck.Questions.Where(DailySchedule.IsButtonAnswerable).Select(question => new DailyPick(deck, question)))
            .DistinctBy(pick => pick.Question.Id)
            .OrderBy(pick => pick.Question.Id, StringComparer.Ordinal)
            .ToList();
    }

    public int CandidateCount => candidates.Count;

    /// <summary>
    /// The day's pick; null only when no deck has a question answerable with buttons. Never more than half the
    /// candidates are left out, so a small deck still varies from day to day.
    /// </summary>
    public DailyPick? Pick(string scope, DateOnly date, IReadOnlyList<string> recentNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(recentNewestFirst);
        if (candidates.Count == 0)
        {
            return null;
        }

        var avoid = recentNewestFirst.Take(Math.Min(RecentWindow, candidates.Count / 2)).ToHashSet(StringComparer.Ordinal);
        var pool = candidates.Where(pick => !avoid.Contains(pick.Question.Id)).ToList();
        if (pool.Count == 0)
        {
            pool = candidates;
        }

        return pool[DailySchedule.Seed(scope, date) % pool.Count];
    }
}
