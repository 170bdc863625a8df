using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>Question reports and per-scope settings.</summary>
public sealed partial class SqliteGuildStore : IGuildStore
{
    public const int DefaultDailyHourUtc = 9;

    private readonly SqliteDatabase database;

    internal SqliteGuildStore(SqliteDatabase database) => this.database = database;

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
            VALUES (@scope, @userId, @questionId, @reason, @At, 0)
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
            WHERE scope = @scope AND (@includeResolved OR resolved = 0)
            ORDER BY reported_at, id;
            """,
            new { scope, includeResolved },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new QuestionReport(r.Id, r.Scope, r.UserId, r.QuestionId, r.Reason, StoredTime.FromStored(r.ReportedAt), r.Resolved != 0))
            .ToList();
    }

    /// <summary>Marks the report resolved. An id that is unknown, of another scope or already resolved changes nothing.</summary>
    public async Task ResolveReportAsync(string scope, long reportId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE question_reports SET resolved = 1 WHERE scope = @scope AND id = @reportId;",
            new { scope, reportId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<GuildSettings> GetSettingsAsync(string scope, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        cancellationToken.ThrowIfCancellationRequested();

        // Read by every /leaderboard: on a kept reader connection, compiled once.
        using var read = database.Read();
        var settings = read.FirstRow(
            SettingsById,
            reader => new GuildSettings(
                scope,
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : StoredTime.FromStored(reader.GetInt64(2))),
            scope);
        return Task.FromResult(settings ?? new GuildSettings(scope, null, DefaultDailyHourUtc, null));
    }

    private static readonly SqlStatement SettingsById = new(
        "SELECT daily_channel_id, daily_hour_utc, season_started_at FROM guild_settings WHERE scope = $scope;", "$scope");

    /// <summary>
    /// Saves the settings. When the season start changes, the scope's leaderboards are recounted in the same
    /// transaction so they never mix seasons.
    /// </summary>
    public async Task SaveSettingsAsync(GuildSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StoreInput.Settings(settings);
        await UpdateSettingsAsync(settings.Scope, _ => settings, cancellationToken).ConfigureAwait(false);
    }

    public async Task<GuildSettings> UpdateSettingsAsync(string scope, Func<GuildSettings, GuildSettings> change, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(scope, nameof(scope));
        ArgumentNullException.ThrowIfNull(change);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var previous = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            """
            SELECT daily_channel_id AS DailyChannelId, daily_hour_utc AS DailyHourUtc, season_started_at AS SeasonStartedAt
            FROM guild_settings WHERE scope = @scope;
            """,
            new { scope },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = previous is null
            ? new GuildSettings(scope, null, DefaultDailyHourUtc, null)
            : new GuildSettings(scope, previous.DailyChannelId, (int)previous.DailyHourUtc, StoredTime.FromStored(previous.SeasonStartedAt));
        var settings = change(stored) with { Scope = scope };
        StoreInput.Settings(settings);
        var season = settings.SeasonStartedAt is { } start ? StoredTime.ToStored(start) : (long?)null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO guild_settings (scope, daily_channel_id, daily_hour_utc, season_started_at)
            VALUES (@Scope, @DailyChannelId, @DailyHourUtc, @Season)
            ON CONFLICT (scope) DO UPDATE SET daily_channel_id = excluded.daily_channel_id,
                daily_hour_utc = excluded.daily_hour_utc, season_started_at = excluded.season_started_at;
            """,
            new { settings.Scope, settings.DailyChannelId, settings.DailyHourUtc, Season = season },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (previous?.SeasonStartedAt != season)
        {
            await SeasonScores.RebuildAsync(connection, transaction, settings.Scope, settings.SeasonStartedAt, cancellationToken).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return settings;
    }

    private sealed record ReportRow(long Id, string Scope, string UserId, string QuestionId, string Reason, long ReportedAt, long Resolved);

    private sealed record SettingsRow(string? DailyChannelId, long DailyHourUtc, long? SeasonStartedAt);
}
