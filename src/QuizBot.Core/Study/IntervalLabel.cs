using System.Globalization;

namespace QuizBot.Core.Study;

/// <summary>
/// Short interval labels for rating buttons, as Anki shows them: "1m", "10m", "5h", "3d", "2mo", "1y", "1.5y".
/// Minutes under an hour, hours under a day, days under a month (30 days), months under a year (365 days),
/// then years with at most one decimal.
/// </summary>
public static class IntervalLabel
{
    public static string Format(TimeSpan interval)
    {
        var minutes = Math.Max(1, (int)Math.Round(interval.TotalMinutes, MidpointRounding.AwayFromZero));
        if (minutes < 60)
        {
            return $"{minutes}m";
        }

        var hours = (int)Math.Round(interval.TotalHours, MidpointRounding.AwayFromZero);
        if (interval.TotalDays < 1)
        {
            return $"{Math.Min(hours, 23)}h";
        }

        var days = (int)Math.Round(interval.TotalDays, MidpointRounding.AwayFromZero);
        if (days < 30)
        {
            return $"{days}d";
        }

        if (days < 365)
        {
            return $"{Math.Min(11, (int)Math.Round(days / 30.0, MidpointRounding.AwayFromZero))}mo";
        }

        var years = Math.Round(days / 365.0, 1, MidpointRounding.AwayFromZero);
        return years.ToString("0.#", CultureInfo.InvariantCulture) + "y";
    }
}
