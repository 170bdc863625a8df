using System.Data;
using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Postgres;

/// <summary>
/// A player's progress over time, read in one snapshot (a repeatable-read transaction): answers per UTC day from
/// the day rollup, the flashcards due per coming UTC day, and the studied cards by phase. The SQLite store's rules.
/// </summary>
public sealed class PostgresPlayerProgressQuery : IPlayerProgressQuery
{
    public const int MaxDays = 366;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly PostgresDatabase database;

    internal PostgresPlayerProgressQuery(PostgresDatabase database) => this.database = database;

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

        var today = StoredTime.DayNumber(now);
        var todayStart = today * StoredTime.MillisecondsPerDay;
        return database.InTransactionAsync(
            async (connection, snapshot) =>
            {
                var answered = (await connection.QueryAsync<DayRow>(new CommandDefinition(
                        """
                        SELECT day AS Day, answered::bigint AS Answered, correct::bigint AS Correct FROM score_days
                        WHERE scope = @Scope AND user_id = @UserId AND day BETWEEN @First AND @Today;
                        """,
                        new { player.Scope, player.UserId, First = today - days + 1, Today = today },
                        snapshot,
                        cancellationToken: cancellationToken)).ConfigureAwait(false))
                    .ToDictionary(r => r.Day);
                var window = Enumerable.Range(0, days)
                    .Select(i => today - days + 1 + i)
                    .Select(day => answered.TryGetValue(day, out var row)
                        ? new DailyAnswers(Date(day), (int)row.Answered, (int)row.Correct)
                        : new DailyAnswers(Date(day), 0, 0))
                    .ToList();

                // Overdue cards are due today: they are what today's study session shows first.
                var due = new int[forecastDays];
                var dueRows = await connection.QueryAsync<DueRow>(new CommandDefinition(
                    """
                    SELECT (GREATEST(due - @TodayStart, 0) / @DayLength)::integer AS Offset, COUNT(*) AS Cards FROM card_states
                    WHERE scope = @Scope AND user_id = @UserId AND due < @End
                    GROUP BY 1;
                    """,
                    new
                    {
                        player.Scope,
                        player.UserId,
                        TodayStart = todayStart,
                        DayLength = StoredTime.MillisecondsPerDay,
                        End = todayStart + (forecastDays * StoredTime.MillisecondsPerDay),
                    },
                    snapshot,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                foreach (var row in dueRows)
                {
                    due[row.Offset] += (int)row.Cards;
                }

                var cards = await connection.QuerySingleAsync<CardsRow>(new CommandDefinition(
                    """
                    SELECT COUNT(*) FILTER (WHERE phase = @Review) AS Learned,
                           COUNT(*) FILTER (WHERE phase IN (@Learning, @Relearning)) AS Learning,
                           MAX(last_review) AS LastReview
                    FROM card_states WHERE scope = @Scope AND user_id = @UserId;
                    """,
                    new
                    {
                        player.Scope,
                        player.UserId,
                        Review = (int)CardPhase.Review,
                        Learning = (int)CardPhase.Learning,
                        Relearning = (int)CardPhase.Relearning,
                    },
                    snapshot,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);

                var lastAnswer = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT MAX(answered_at) FROM answers WHERE scope = @Scope AND user_id = @UserId;",
                    new { player.Scope, player.UserId },
                    snapshot,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);

                var last = new[] { lastAnswer, cards.LastReview }.Max();
                return new PlayerProgress(window, due, (int)cards.Learned, (int)cards.Learning, StoredTime.FromStored(last));
            },
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    private static DateOnly Date(long dayNumber) => DateOnly.FromDayNumber(EpochDayNumber + (int)dayNumber);

    private sealed class DayRow
    {
        public long Day { get; init; }

        public long Answered { get; init; }

        public long Correct { get; init; }
    }

    private sealed class DueRow
    {
        public int Offset { get; init; }

        public long Cards { get; init; }
    }

    private sealed class CardsRow
    {
        public long Learned { get; init; }

        public long Learning { get; init; }

        public long? LastReview { get; init; }
    }
}
