using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite;

/// <summary>
/// A player's progress over time, read in one snapshot: answers per UTC day from the day rollup, the
/// flashcards due per coming UTC day from their FSRS due times, and the studied cards by phase.
/// </summary>
public sealed class SqlitePlayerProgressQuery : IPlayerProgressQuery
{
    public const int MaxDays = 366;

    private readonly SqliteDatabase database;

    internal SqlitePlayerProgressQuery(SqliteDatabase database) => this.database = database;

    public Task<PlayerProgress> GetProgressAsync(
        PlayerKey player,
        DateTimeOffset now,
        int days = IPlayerProgressQuery.DefaultDays,
        int forecastDays = IPlayerProgressQuery.DefaultForecastDays,
        CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(forecastDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(forecastDays, MaxDays);
        cancellationToken.ThrowIfCancellationRequested();

        var today = StoredTime.DayNumber(now);
        var todayStart = today * StoredTime.MillisecondsPerDay;
        var (scope, user) = (player.Scope, player.UserId);

        // Read by every /stats picture: on a kept reader connection, its statements compiled once.
        using var read = database.Read();
        read.BeginSnapshot();

        var answered = read.Rows(AnsweredDays, static r => (Day: r.GetInt64(0), Answered: r.GetInt32(1), Correct: r.GetInt32(2)), scope, user, today - days + 1, today)
            .ToDictionary(r => r.Day);
        var window = Enumerable.Range(0, days)
            .Select(i => today - days + 1 + i)
            .Select(day => answered.TryGetValue(day, out var row)
                ? new DailyAnswers(Date(day), row.Answered, row.Correct)
                : new DailyAnswers(Date(day), 0, 0))
            .ToList();

        // Overdue cards are due today: they are what today's study session shows first.
        var due = new int[forecastDays];
        var end = todayStart + (forecastDays * StoredTime.MillisecondsPerDay);
        foreach (var (offset, cards) in read.Rows(DueByDay, static r => (r.GetInt32(0), r.GetInt32(1)), todayStart, StoredTime.MillisecondsPerDay, scope, user, end))
        {
            due[offset] += cards;
        }

        var studied = read.FirstRow(
            Studied,
            static r => (Learned: r.GetInt32(0), Learning: r.GetInt32(1), LastReview: r.IsDBNull(2) ? (long?)null : r.GetInt64(2)),
            (int)CardPhase.Review,
            (int)CardPhase.Learning,
            (int)CardPhase.Relearning,
            scope,
            user);
        var lastAnswer = (long?)read.Scalar(LastAnswer, scope, user);

        var last = new[] { lastAnswer, studied.LastReview }.Max();
        return Task.FromResult(new PlayerProgress(window, due, studied.Learned, studied.Learning, StoredTime.FromStored(last)));
    }

    private static readonly SqlStatement AnsweredDays = new(
        "SELECT day, answered, correct FROM score_days WHERE scope = @Scope AND user_id = @UserId AND day BETWEEN @First AND @Today;",
        "@Scope", "@UserId", "@First", "@Today");

    private static readonly SqlStatement DueByDay = new(
        """
        SELECT MAX(due - @TodayStart, 0) / @DayLength, COUNT(*) FROM card_states
        WHERE scope = @Scope AND user_id = @UserId AND due < @End
        GROUP BY 1;
        """,
        "@TodayStart", "@DayLength", "@Scope", "@UserId", "@End");

    private static readonly SqlStatement Studied = new(
        """
        SELECT COALESCE(SUM(phase = @Review), 0), COALESCE(SUM(phase IN (@Learning, @Relearning)), 0), MAX(last_review)
        FROM card_states WHERE scope = @Scope AND user_id = @UserId;
        """,
        "@Review", "@Learning", "@Relearning", "@Scope", "@UserId");

    private static readonly SqlStatement LastAnswer = new(
        "SELECT MAX(answered_at) FROM answers WHERE scope = @Scope AND user_id = @UserId;", "@Scope", "@UserId");

    private static DateOnly Date(long dayNumber) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)dayNumber);
}
