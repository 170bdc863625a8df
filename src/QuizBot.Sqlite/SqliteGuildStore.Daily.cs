using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>The question of the day: which scopes are due, and each day's claimed pick and outcome.</summary>
public sealed partial class SqliteGuildStore
{
    private const int MaxRecentDailyQuestions = 1000;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private const string SelectDaily =
        """
        SELECT scope AS Scope, day AS Day, deck_id AS DeckId, question_id AS QuestionId, channel_id AS ChannelId,
               claimed_at AS ClaimedAt, message_id AS MessageId, failure AS Failure
        FROM daily_questions
        """;

    public async Task<IReadOnlyList<GuildSettings>> GetDailyQuestionsDueAsync(DateOnly date, int hourUtc, CancellationToken cancellationToken = default)
    {
        if (hourUtc is < 0 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(hourUtc), hourUtc, "The hour must be between 0 and 23 (UTC).");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT s.scope AS Scope, s.daily_channel_id AS DailyChannelId, s.daily_hour_utc AS DailyHourUtc, s.season_started_at AS SeasonStartedAt
            FROM guild_settings AS s
            WHERE s.daily_channel_id IS NOT NULL AND s.daily_hour_utc <= @hourUtc
              AND NOT EXISTS (SELECT 1 FROM daily_questions AS d WHERE d.scope = s.scope AND d.day = @Day)
            ORDER BY s.scope;
            """,
            new { hourUtc, Day = Day(date) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new GuildSettings(r.Scope, r.DailyChannelId, (int)r.DailyHourUtc, StoredTime.FromStored(r.SeasonStartedAt))).ToList();
    }

    public async Task<bool> ClaimDailyQuestionAsync(DailyQuestion daily, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(daily);
        StoreInput.Id(daily.Scope, "daily.Scope");
        StoreInput.Id(daily.DeckId, "daily.DeckId");
        StoreInput.Id(daily.QuestionId, "daily.QuestionId");
        StoreInput.Id(daily.ChannelId, "daily.ChannelId");
        StoreInput.Time(daily.ClaimedAt, "daily.ClaimedAt");
        CheckOutcome(daily.MessageId, daily.Failure);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO daily_questions (scope, day, deck_id, question_id, channel_id, claimed_at, message_id, failure)
            VALUES (@Scope, @Day, @DeckId, @QuestionId, @ChannelId, @ClaimedAt, @MessageId, @Failure)
            ON CONFLICT (scope, day) DO NOTHING;
            """,
            new
            {
                daily.Scope,
                Day = Day(daily.Date),
                daily.DeckId,
                daily.QuestionId,
                daily.ChannelId,
                ClaimedAt = StoredTime.ToStored(daily.ClaimedAt),
                daily.MessageId,
                daily.Failure,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>An unclaimed day changes nothing.</summary>
    public async Task CompleteDailyQuestionAsync(string scope, DateOnly date, string? messageId, string? failure, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        CheckOutcome(messageId, failure);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE daily_questions SET message_id = @messageId, failure = @failure WHERE scope = @scope AND day = @Day;",
            new { scope, messageId, failure, Day = Day(date) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<DailyQuestion?> GetDailyQuestionAsync(string scope, DateOnly date, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DailyRow>(new CommandDefinition(
            $"{SelectDaily} WHERE scope = @scope AND day = @Day;",
            new { scope, Day = Day(date) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDailyQuestion();
    }

    public async Task<IReadOnlyList<DailyQuestion>> GetRecentDailyQuestionsAsync(string scope, int count, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        if (count is < 0 or > MaxRecentDailyQuestions)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Ask for 0 to {MaxRecentDailyQuestions} daily questions.");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DailyRow>(new CommandDefinition(
            $"{SelectDaily} WHERE scope = @scope ORDER BY day DESC LIMIT @count;",
            new { scope, count },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDailyQuestion()).ToList();
    }

    private static long Day(DateOnly date) => date.DayNumber - EpochDayNumber;

    private static void CheckOutcome(string? messageId, string? failure)
    {
        if (messageId is not null)
        {
            StoreInput.Id(messageId, nameof(messageId));
        }

        if (failure is not null)
        {
            StoreInput.Text(failure, nameof(failure));
        }

        if (messageId is not null && failure is not null)
        {
            throw new ArgumentException("A daily question is either posted (a message id) or failed (a reason), not both.", nameof(failure));
        }
    }

    private sealed record DueRow(string Scope, string DailyChannelId, long DailyHourUtc, long? SeasonStartedAt);

    private sealed record DailyRow(string Scope, long Day, string DeckId, string QuestionId, string ChannelId, long ClaimedAt, string? MessageId, string? Failure)
    {
        public DailyQuestion ToDailyQuestion() =>
            new(Scope, DateOnly.FromDayNumber((int)Day + EpochDayNumber), DeckId, QuestionId, ChannelId, StoredTime.FromStored(ClaimedAt), MessageId, Failure);
    }
}
