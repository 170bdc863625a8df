using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>
/// The SQL for one leaderboard metric over <c>score_periods</c>. The order is total, so every player has one rank:
/// by points: points desc, then who reached that score first (scored_at asc), then user id;
/// by accuracy (10+ answers): accuracy desc, points desc, scored_at asc, user id.
/// Each ORDER BY matches an index, so a page reads only its rows; a rank is a sum of counts over index ranges.
/// </summary>
internal sealed class LeaderboardSql
{
    public const int MinimumAnswersForAccuracy = 10;

    private const string Period = "scope = @Scope AND kind = @Kind AND period_start = @Start";

    // Must stay textually the same expression as in ix_score_periods_accuracy for SQLite to use that index.
    private const string Accuracy = "CAST(correct AS REAL) / answered";

    // Must stay the literal of ix_score_periods_accuracy's WHERE clause for SQLite to use that partial index.
    private const string Qualifies = " AND answered >= 10";

    public static LeaderboardSql Points { get; } = new(
        qualifies: string.Empty,
        order: "points DESC, scored_at, user_id",
        ahead:
        [
            "points > @Points",
            "points = @Points AND scored_at < @ScoredAt",
            "points = @Points AND scored_at = @ScoredAt AND user_id < @UserId",
        ]);

    public static LeaderboardSql ByAccuracy { get; } = new(
        qualifies: Qualifies,
        order: $"{Accuracy} DESC, points DESC, scored_at, user_id",
        ahead:
        [
            $"{Accuracy} > @Accuracy",
            $"{Accuracy} = @Accuracy AND points > @Points",
            $"{Accuracy} = @Accuracy AND points = @Points AND scored_at < @ScoredAt",
            $"{Accuracy} = @Accuracy AND points = @Points AND scored_at = @ScoredAt AND user_id < @UserId",
        ]);

    private LeaderboardSql(string qualifies, string order, string[] ahead)
    {
        Page = $"""
            SELECT user_id AS UserId,
                   COALESCE((SELECT u.display_name FROM users AS u WHERE u.scope = @Scope AND u.user_id = score_periods.user_id), user_id) AS DisplayName,
                   points AS Points, answered AS Answered, correct AS Correct
            FROM score_periods
            WHERE {Period}{qualifies}
            ORDER BY {order}
            LIMIT @Take OFFSET @Skip;
            """;
        Count = $"SELECT COUNT(*) FROM score_periods WHERE {Period}{qualifies};";
        RankAhead = "SELECT " + string.Join(
            "\n + ",
            ahead.Select(condition => $"(SELECT COUNT(*) FROM score_periods WHERE {Period}{qualifies} AND {condition})")) + ";";
        MinimumAnswers = qualifies.Length == 0 ? 1 : MinimumAnswersForAccuracy;
    }

    /// <summary>One page of rows in rank order, with display names.</summary>
    public string Page { get; }

    /// <summary>How many players are ranked in the period.</summary>
    public string Count { get; }

    /// <summary>How many ranked players are ahead of the one described by the parameters.</summary>
    public string RankAhead { get; }

    /// <summary>Answers a player needs in the period to be ranked.</summary>
    public int MinimumAnswers { get; }

    public static LeaderboardSql For(LeaderboardMetric metric) => metric switch
    {
        LeaderboardMetric.Points => Points,
        LeaderboardMetric.Accuracy => ByAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown leaderboard metric."),
    };
}
