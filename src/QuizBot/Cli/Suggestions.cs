using QuizBot.Core.Judging;

namespace QuizBot.Cli;

/// <summary>"Did you mean" for the command line: the known words closest to what was typed.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidates within a few edits of <paramref name="typed"/> (case-insensitive), nearest first; candidates
    /// that contain what was typed (or are contained in it), or start with a near spelling of it, count as near too.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string typed, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var text = typed.Trim().ToLowerInvariant();
        var limit = Math.Max(2, text.Length / 3);
        return candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(candidate => (Candidate: candidate, Distance: Distance(text, candidate.ToLowerInvariant(), limit)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Candidate)
            .ToList();
    }

    /// <summary>"; did you mean a or b?" or nothing.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        var nearest = Nearest(typed, candidates);
        return nearest.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", nearest)}?";
    }

    private static int Distance(string typed, string candidate, int limit)
    {
        if (typed.Length >= 3 && (candidate.Contains(typed, StringComparison.Ordinal) || typed.Contains(candidate, StringComparison.Ordinal)))
        {
            return 1;
        }

        // A misspelt start of a longer word ("militray" for "military-bases") is near too.
        var full = EditDistance.OptimalStringAlignment(typed, candidate, limit);
        return typed.Length >= 4 && candidate.Length > typed.Length
            ? Math.Min(full, EditDistance.OptimalStringAlignment(typed, candidate[..typed.Length], limit) + 1)
            : full;
    }
}
