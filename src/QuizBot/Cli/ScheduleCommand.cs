using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QuizBot.Core.Study;

namespace QuizBot.Cli;

/// <summary>
/// `quizbot schedule --ratings again,good,good --days 0,0,1 [--json]`: replays one card through FSRS-6 with the
/// default parameters and prints its memory state after each review. --days are offsets in days from the first
/// review, so they never decrease.
/// </summary>
internal static class ScheduleCommand
{
    private static readonly DateTimeOffset FirstReview = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var ratings = new Option<string>("--ratings")
        {
            Description = "Comma-separated ratings: again, hard, good, easy (or 1-4).",
            Required = true,
        };
        var days = new Option<string>("--days")
        {
            Description = "Comma-separated day offsets of each review from the first one (0 for the first).",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("schedule", "Replay one card's reviews through FSRS-6 and print stability, difficulty, retrievability and interval.")
        {
            ratings,
            days,
            json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryParse(parse.GetValue(ratings) ?? string.Empty, parse.GetValue(days) ?? string.Empty, out var reviews, out var problem))
            {
                error.WriteLine(problem);
                return 2;
            }

            var rows = Replay(reviews);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows, ScheduleJsonContext.Default.IReadOnlyListScheduleRow));
            }
            else
            {
                WriteTable(rows, output);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// One review of the replay, as printed: the memory state after it, the retrievability at the moment of the
    /// review (before it; 0 for the first), and the next interval in days (fractions for learning steps).
    /// </summary>
    internal sealed record ScheduleRow(string Rating, int ElapsedDays, double Stability, double Difficulty, double Retrievability, double IntervalDays);

    internal static IReadOnlyList<ScheduleRow> Replay(IReadOnlyList<(Rating Rating, int Day)> reviews)
    {
        var scheduler = new FsrsScheduler();
        var card = FsrsScheduler.NewCard("schedule", FirstReview);
        var rows = new List<ScheduleRow>(reviews.Count);
        foreach (var (rating, day) in reviews)
        {
            var at = FirstReview.AddDays(day);
            var recallBefore = scheduler.Retrievability(card, at);
            var result = scheduler.Review(card, rating, at);
            card = result.After;
            rows.Add(new ScheduleRow(
                rating.ToString().ToLowerInvariant(),
                (int)result.Log.ElapsedDays,
                card.Stability,
                card.Difficulty,
                recallBefore,
                result.Interval.TotalDays));
        }

        return rows;
    }

    internal static bool TryParse(string ratingsText, string daysText, out IReadOnlyList<(Rating Rating, int Day)> reviews, out string problem)
    {
        reviews = [];
        var ratingParts = Split(ratingsText);
        var dayParts = Split(daysText);
        if (ratingParts.Length == 0)
        {
            problem = "--ratings needs at least one rating (again, hard, good or easy).";
            return false;
        }

        if (ratingParts.Length != dayParts.Length)
        {
            problem = $"--ratings has {ratingParts.Length} values but --days has {dayParts.Length}; give one day offset per rating.";
            return false;
        }

        var parsed = new List<(Rating, int)>(ratingParts.Length);
        var previousDay = 0;
        for (var i = 0; i < ratingParts.Length; i++)
        {
            if (!TryParseRating(ratingParts[i], out var rating))
            {
                problem = $"Unknown rating \"{ratingParts[i]}\"; use again, hard, good or easy.";
                return false;
            }

            if (!int.TryParse(dayParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day > 36500)
            {
                problem = $"\"{dayParts[i]}\" is not a day offset; use whole days from 0 to 36500.";
                return false;
            }

            if (day < previousDay)
            {
                problem = $"--days must not decrease: {day} comes after {previousDay}. Days are offsets from the first review (0,0,1,4,...).";
                return false;
            }

            previousDay = day;
            parsed.Add((rating, day));
        }

        reviews = parsed;
        problem = string.Empty;
        return true;
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool TryParseRating(string text, out Rating rating)
    {
        rating = text.ToLowerInvariant() switch
        {
            "again" or "1" => Rating.Again,
            "hard" or "2" => Rating.Hard,
            "good" or "3" => Rating.Good,
            "easy" or "4" => Rating.Easy,
            _ => 0,
        };
        return rating != 0;
    }

    private static void WriteTable(IReadOnlyList<ScheduleRow> rows, TextWriter output)
    {
        output.WriteLine($"{"#",3}  {"rating",-6}  {"elapsed",7}  {"stability",10}  {"difficulty",10}  {"R",6}  {"interval",10}");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{i + 1,3}  {row.Rating,-6}  {row.ElapsedDays,7}  {row.Stability,10:0.0000}  {row.Difficulty,10:0.0000}  {row.Retrievability,6:0.000}  {FormatInterval(row.IntervalDays),10}"));
        }
    }

    private static string FormatInterval(double days) =>
        days >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{days:0}d") : IntervalLabel.Format(TimeSpan.FromDays(days));
}
