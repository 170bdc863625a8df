namespace QuizBot.Core.Ports;

/// <summary>A member's report of a question they think is wrong or unclear.</summary>
public sealed record QuestionReport(long Id, string Scope, string UserId, string QuestionId, string Reason, DateTimeOffset ReportedAt, bool Resolved);

/// <summary>Per-scope (guild) settings an admin controls.</summary>
public sealed record GuildSettings(string Scope, string? DailyChannelId, int DailyHourUtc, DateTimeOffset? SeasonStartedAt);

/// <summary>Reports and per-guild settings.</summary>
public interface IGuildStore
{
    Task<long> AddReportAsync(string scope, string userId, string questionId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QuestionReport>> GetReportsAsync(string scope, bool includeResolved, CancellationToken cancellationToken = default);

    Task ResolveReportAsync(string scope, long reportId, CancellationToken cancellationToken = default);

    /// <summary>The scope's settings; defaults (no daily channel, 9 UTC, no season) when none are stored.</summary>
    Task<GuildSettings> GetSettingsAsync(string scope, CancellationToken cancellationToken = default);

    Task SaveSettingsAsync(GuildSettings settings, CancellationToken cancellationToken = default);
}
