using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Postgres;

/// <summary>Question reports, per-scope settings and the question of the day.</summary>
public sealed class PostgresGuildStore : IGuildStore
{
    public const int DefaultDailyHourUtc = 9;
    private const int MaxRecentDailyQuestions = 1000;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private const string SelectSettings =
        "SELECT daily_channel_id AS DailyChannelId, daily_hour_utc AS DailyHourUtc, season_started_at AS SeasonStartedAt FROM guild_settings";

    private const string SelectDaily = """
        SELECT scope AS Scope, day AS Day, deck_id AS DeckId, question_id AS QuestionId, channel_id AS ChannelId,
               claimed_at AS ClaimedAt, message_id AS MessageId, failure AS Failure
        FROM daily_questions
        """;

    private readonly PostgresDatabase database;

    internal PostgresGuildStore(PostgresDatabase database) => this.database = database;

    public async Task<long> AddReportAsync(string scope, string userId, string questionId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        StoreInput.Id(userId, nameof(userId));
        StoreInput.Id(questionId, nameof(questionId));
        StoreInput.Text(reason, nameof(reason));
        StoreInput.Time(at, nameof(at));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO question_reports (scope, user_id, question_id, reason, reported_at, resolved)
            VALUES (@scope, @userId, @questionId, @reason, @At, false)
            RETURNING id;
            """,
            new { scope, userId, questionId, reason = reason.Trim(), At = StoredTime.ToStored(at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QuestionReport>> GetReportsAsync(string scope, bool includeResolved, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            """
            SELECT id AS Id, scope AS Scope, user_id AS UserId, question_id AS QuestionId, reason AS Reason,
                   reported_at AS ReportedAt, resolved AS Resolved
            FROM question_reports
            WHERE scope = @scope AND (@includeResolved OR NOT resolved)
            ORDER BY reported_at, id;
            """,
            new { scope, includeResolved },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new QuestionReport(r.Id, r.Scope, r.UserId, r.QuestionId, r.Reason, StoredTime.FromStored(r.ReportedAt), r.Resolved)).ToList();
    }

    /// <summary>Marks the report resolved. An id that is unknown, of another scope or already resolved changes nothing.</summary>
    public async Task ResolveReportAsync(string scope, long reportId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE question_reports SET resolved = true WHERE scope = @scope AND id = @reportId;",
            new { scope, reportId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<GuildSettings> GetSettingsAsync(string scope, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            SelectSettings + " WHERE scope = @scope;", new { scope }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? new GuildSettings(scope, null, DefaultDailyHourUtc, null)
            : new GuildSettings(scope, row.DailyChannelId, row.DailyHourUtc, StoredTime.FromStored(row.SeasonStartedAt));
    }

    /// <summary>
    /// Saves the settings. When the season start changes, the scope's leaderboards are recounted in the same
    /// transaction so they never mix seasons.
    /// </summary>
    public Task SaveSettingsAsync(GuildSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StoreInput.Settings(settings);
        return UpdateSettingsAsync(settings.Scope, _ => settings, cancellationToken);
    }

    public Task<GuildSettings> UpdateSettingsAsync(string scope, Func<GuildSettings, GuildSettings> change, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        ArgumentNullException.ThrowIfNull(change);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                // The scope's lock first (the leaderboard recount takes it too), then the row is created if missing so
                // FOR UPDATE always has one to lock: two admins changing settings at once are serialized, each sees the
                // other's change, and exactly the season changes recount.
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(@Space, hashtext(@Scope));", new { Space = Sql.ScopeLockSpace, Scope = scope }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO guild_settings (scope, daily_channel_id, daily_hour_utc, season_started_at) VALUES (@scope, NULL, @hour, NULL) ON CONFLICT (scope) DO NOTHING;",
                    new { scope, hour = DefaultDailyHourUtc },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var previous = await connection.QuerySingleAsync<SettingsRow>(new CommandDefinition(
                    SelectSettings + " WHERE scope = @scope FOR UPDATE;", new { scope }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var stored = new GuildSettings(scope, previous.DailyChannelId, previous.DailyHourUtc, StoredTime.FromStored(previous.SeasonStartedAt));
                var settings = change(stored) with { Scope = scope };
                StoreInput.Settings(settings);
                var season = settings.SeasonStartedAt is { } start ? StoredTime.ToStored(start) : (long?)null;
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE guild_settings SET daily_channel_id = @DailyChannelId, daily_hour_utc = @DailyHourUtc, season_started_at = @Season
                    WHERE scope = @Scope;
                    """,
                    new { settings.Scope, settings.DailyChannelId, settings.DailyHourUtc, Season = season },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (previous.SeasonStartedAt != season)
                {
                    await PostgresSeasonScores.RebuildAsync(connection, transaction, settings.Scope, settings.SeasonStartedAt, cancellationToken).ConfigureAwait(false);
                }

                return settings;
            },
            cancellationToken);
    }

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
        return rows.Select(r => new GuildSettings(r.Scope, r.DailyChannelId, r.DailyHourUtc, StoredTime.FromStored(r.SeasonStartedAt))).ToList();
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
            $"{SelectDaily} WHERE scope = @scope AND day = @Day;", new { scope, Day = Day(date) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
            $"{SelectDaily} WHERE scope = @scope ORDER BY day DESC LIMIT @count;", new { scope, count }, cancellationToken: cancellationToken)).ConfigureAwait(false);
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

    private sealed record ReportRow(long Id, string Scope, string UserId, string QuestionId, string Reason, long ReportedAt, bool Resolved);

    private sealed record SettingsRow(string? DailyChannelId, int DailyHourUtc, long? SeasonStartedAt);

    private sealed record DueRow(string Scope, string DailyChannelId, int DailyHourUtc, long? SeasonStartedAt);

    private sealed record DailyRow(string Scope, long Day, string DeckId, string QuestionId, string ChannelId, long ClaimedAt, string? MessageId, string? Failure)
    {
        public DailyQuestion ToDailyQuestion() =>
            new(Scope, DateOnly.FromDayNumber((int)Day + EpochDayNumber), DeckId, QuestionId, ChannelId, StoredTime.FromStored(ClaimedAt), MessageId, Failure);
    }
}
