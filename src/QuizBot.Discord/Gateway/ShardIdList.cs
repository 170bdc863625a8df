using System.Globalization;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// The shards one process runs, as an operator writes them: ranges and lists such as <c>0-3</c>, <c>4,5</c> or
/// <c>0-1, 6</c>; empty means every shard, 0 to count − 1. Anything else (a reversed range, a repeated id, an id
/// the shard count does not have) is refused with one clear reason, never guessed at.
/// </summary>
public static class ShardIdList
{
    /// <summary>Reads <paramref name="text"/> into ascending shard ids; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, int shardCount, out IReadOnlyList<int> shardIds, out string error)
    {
        shardIds = [];
        error = "";
        if (shardCount < 1)
        {
            error = $"the shard count must be at least 1, not {shardCount}";
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            shardIds = [.. Enumerable.Range(0, shardCount)];
            return true;
        }

        var seen = new SortedSet<int>();
        foreach (var rawEntry in text.Split(','))
        {
            var entry = rawEntry.Trim();
            if (entry.Length == 0)
            {
                error = $"'{text.Trim()}' has an empty entry between commas";
                return false;
            }

            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            int first, last;
            if (dash < 0)
            {
                if (!TryReadId(entry, out first, out error))
                {
                    return false;
                }

                last = first;
            }
            else if (!TryReadId(entry[..dash].Trim(), out first, out error) || !TryReadId(entry[(dash + 1)..].Trim(), out last, out error))
            {
                error = $"'{entry}' is not a range of shard ids like 0-3";
                return false;
            }
            else if (last < first)
            {
                error = $"the range '{entry}' ends before it starts";
                return false;
            }

            if (last >= shardCount)
            {
                error = $"shard {last} does not exist: with {shardCount} shard(s) the ids run from 0 to {shardCount - 1}";
                return false;
            }

            for (var id = first; id <= last; id++)
            {
                if (!seen.Add(id))
                {
                    error = $"shard {id} is listed twice";
                    return false;
                }
            }
        }

        shardIds = [.. seen];
        return true;
    }

    /// <summary>Ascending ids written back compactly: <c>0-3</c>, <c>4, 5</c>, <c>0-1, 6</c>.</summary>
    public static string Format(IEnumerable<int> shardIds)
    {
        ArgumentNullException.ThrowIfNull(shardIds);
        var parts = new List<string>();
        int? start = null, previous = null;
        foreach (var id in shardIds.Order())
        {
            if (previous is { } p && id == p + 1)
            {
                previous = id;
                continue;
            }

            Flush();
            start = previous = id;
        }

        Flush();
        return string.Join(", ", parts);

        void Flush()
        {
            if (start is { } s && previous is { } e)
            {
                parts.Add(s == e ? Invariant(s) : e == s + 1 ? $"{Invariant(s)}, {Invariant(e)}" : $"{Invariant(s)}-{Invariant(e)}");
            }
        }
    }

    private static bool TryReadId(string text, out int id, out string error)
    {
        error = "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return true;
        }

        error = $"'{text}' is not a shard id (a whole number from 0)";
        return false;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
