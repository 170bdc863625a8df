using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using QuizBot.Core;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Daily;

/// <summary>
/// The question of the day's calendar: each scope gets one question per UTC date, posted at its daily hour and
/// open until that date ends. Each member's answer is a one-question session with a fixed id, so it is stored once.
/// </summary>
public static class DailySchedule
{
    public const string DateFormat = "yyyy-MM-dd";

    public static DateOnly DateOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The session a member's answer to a scope's daily question is stored under: one per member and day.</summary>
    public static string SessionId(string scope, DateOnly date, string userId) => $"daily:{scope}:{Format(date)}:{userId}";

    /// <summary>The same for every member of the scope on that date, so choices show in the same order to all.</summary>
    public static int Seed(string scope, DateOnly date) => StableSeed.Of($"daily:{scope}:{Format(date)}");

    /// <summary>A one-question daily session, before its answer.</summary>
    public static QuizSession NewSession(string sessionId, PlayerKey player, string deckId, string questionId, DateOnly date, DateTimeOffset now) =>
        new(sessionId, player, deckId, QuizMode.Daily, null, [questionId], 0, 0, 0, 0, 0, 0, Seed(player.Scope, date), now, null);

    /// <summary>How the scope's daily question on <paramref name="date"/> presents: the choices in their posted order.</summary>
    public static PresentedQuestion? Present(Deck deck, string scope, string questionId, DateOnly date, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var session = NewSession($"daily:{scope}:{Format(date)}", new PlayerKey(scope, "channel"), deck.Id, questionId, date, now);
        return QuizEngine.Present(session, deck);
    }

    /// <summary>
    /// When the next question will be posted: today at the hour if it has not come yet; at the poster's next wake
    /// (the next whole minute) if the hour has passed but today's is not out yet; otherwise tomorrow at the hour.
    /// </summary>
    public static DateTimeOffset NextPost(DateTimeOffset now, int hourUtc, bool todayDone)
    {
        var utc = now.ToUniversalTime();
        var todayAtHour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, hourUtc, 0, 0, TimeSpan.Zero);
        if (todayDone)
        {
            return todayAtHour.AddDays(1);
        }

        return utc < todayAtHour ? todayAtHour : NextMinute(utc);
    }

    /// <summary>The start of the next whole minute after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextMinute(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var minute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        return minute.AddMinutes(1);
    }

    public static string Hour(int hourUtc) => $"{hourUtc.ToString("00", CultureInfo.InvariantCulture)}:00 UTC";

    /// <summary>Whether the question can be answered with buttons alone (the daily post has no modal).</summary>
    public static bool IsButtonAnswerable([NotNullWhen(true)] Question? question) =>
        question is { Kind: QuestionKind.TrueFalse }
        || question is { Kind: QuestionKind.MultipleChoice, Choices.Count: >= 2 and <= DailyPicker.MaxChoices };
}
