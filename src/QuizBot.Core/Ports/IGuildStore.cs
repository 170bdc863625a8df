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

    /// <summary>
    /// Changes the scope's settings in one transaction: <paramref name="change"/> gets them as stored (defaults when
    /// none are) and returns what to store, so two admins changing different settings at once both keep their change.
    /// Returns what was stored.
    /// </summary>
    Task<GuildSettings> UpdateSettingsAsync(string scope, Func<GuildSettings, GuildSettings> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Scopes with a daily channel whose daily hour is at or before <paramref name="hourUtc"/> and that have no
    /// daily question for <paramref name="date"/> yet, in scope order.
    /// </summary>
    Task<IReadOnlyList<GuildSettings>> GetDailyQuestionsDueAsync(DateOnly date, int hourUtc, CancellationToken cancellationToken = default);

    /// <summary>Stores the day's pick unless the scope already has one for that date; false (changing nothing) when it has.</summary>
    Task<bool> ClaimDailyQuestionAsync(DailyQuestion daily, CancellationToken cancellationToken = default);

    /// <summary>Records how the claimed day's post went: the message id when posted, or why it failed.</summary>
    Task CompleteDailyQuestionAsync(string scope, DateOnly date, string? messageId, string? failure, CancellationToken cancellationToken = default);

    Task<DailyQuestion?> GetDailyQuestionAsync(string scope, DateOnly date, CancellationToken cancellationToken = default);

    /// <summary>The scope's latest <paramref name="count"/> daily questions, newest first (to avoid repeats).</summary>
    Task<IReadOnlyList<DailyQuestion>> GetRecentDailyQuestionsAsync(string scope, int count, CancellationToken cancellationToken = default);
}
