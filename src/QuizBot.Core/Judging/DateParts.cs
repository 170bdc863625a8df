using System.Globalization;

namespace QuizBot.Core.Judging;

/// <summary>
/// A date as far as a typed answer gives it: a year, a month, a day of a month, or several of these
/// ("2023", "April", "Apr 2023", "May 8, 2023", "8th of May 2023", "2023-05-08"). Read from normalised text.
/// </summary>
internal readonly record struct DateParts(int? Year, int? Month, int? Day)
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Reads normalised text that is a date and nothing else.</summary>
    public static DateParts? Parse(string normalised)
    {
        var words = normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 3 && IsIso(words, out var iso))
        {
            return iso;
        }

        int? year = null, month = null, day = null;
        foreach (var word in words)
        {
            if (word == "of" && day is not null && month is null)
            {
                continue;
            }

            if (MonthOf(word) is { } m && month is null)
            {
                month = m;
            }
            else if (YearOf(word) is { } y && year is null)
            {
                year = y;
            }
            else if (DayOf(word) is { } d && day is null && year is null)
            {
                day = d;
            }
            else
            {
                return null;
            }
        }

        // A day needs its month ("8 2023" is no date).
        if (words.Length == 0 || (day is not null && month is null))
        {
            return null;
        }

        return new DateParts(year, month, day);
    }

    /// <summary>Every year, month and day-of-month the text mentions (a month counts only beside a number: "may" alone is a verb too).</summary>
    public static (HashSet<int> Years, HashSet<int> Months, HashSet<(int Month, int Day)> Days) Mentions(string normalised)
    {
        var words = normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var years = new HashSet<int>();
        var months = new HashSet<int>();
        var days = new HashSet<(int, int)>();
        for (var i = 0; i < words.Length; i++)
        {
            if (YearOf(words[i]) is { } year)
            {
                years.Add(year);
            }

            if (MonthOf(words[i]) is not { } month)
            {
                continue;
            }

            var before = i > 0 ? words[i - 1] : string.Empty;
            var beforeOf = i > 1 && before == "of" ? words[i - 2] : before;
            var after = i + 1 < words.Length ? words[i + 1] : string.Empty;
            var day = DayOf(after) ?? DayOf(beforeOf);
            if (day is { } d)
            {
                days.Add((month, d));
            }

            if (day is not null || YearOf(after) is not null)
            {
                months.Add(month);
            }
        }

        return (years, months, days);
    }

    private static bool IsIso(string[] words, out DateParts parts)
    {
        parts = default;
        if (words[0].Length != 4 || YearOf(words[0]) is not { } year
            || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12
            || !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 31)
        {
            return false;
        }

        parts = new DateParts(year, month, day);
        return true;
    }

    private static int? MonthOf(string word)
    {
        for (var i = 0; i < MonthNames.Length; i++)
        {
            var name = MonthNames[i];
            // The full name, its first three letters ("apr") or "sept": not any part of the name ("janu").
            if (word == name || word == name[..3] || (word == "sept" && i == 8))
            {
                return i + 1;
            }
        }

        return null;
    }

    // Years a study deck talks about; "1300" (a count of weapons) is not one.
    private static int? YearOf(string word) =>
        word.Length == 4 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2099 ? year : null;

    private static int? DayOf(string word)
    {
        var digits = word.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
        var suffix = word[digits.Length..];
        if (suffix.Length > 0 && suffix is not ("st" or "nd" or "rd" or "th"))
        {
            return null;
        }

        return digits.Length is 1 or 2 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31 ? day : null;
    }
}
