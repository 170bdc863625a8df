using QuizBot.Core.Ports;

namespace QuizBot.Postgres;

/// <summary>
/// The SQL for one leaderboard metric over <c>score_periods</c>, the same total order as the SQLite store:
/// by points: points desc, then who reached that score first (scored_at asc), then user id;
/// by accuracy (10+ answers): accuracy desc, points desc, scored_at asc, user id.
/// Each ORDER BY matches an index, so a page reads only its rows; the players ahead of someone are the sum of the
/// <c>score_buckets</c> above their value plus a count over an index range inside their own value.
/// </summary>
internal sealed class PostgresLeaderboardSql
{
    public const int MinimumAnswersForAccuracy = 10;
    public const string PointsBucket = "points";
    public const string AccuracyBucket = "accuracy";

    private const string Period = "scope = @Scope AND kind = @Kind AND period_start = @Start";

    // The expression and the WHERE clause of ix_score_periods_accuracy, so the planner uses that index.
    private const string Accuracy = "(correct::double precision / answered)";
    private const string Qualified = " AND answered >= 10";

    public static PostgresLeaderboardSql Points { get; } = new(
        bucket: PointsBucket,
        qualifies: string.Empty,
        order: "points DESC, scored_at, user_id",
        tiesAhead: "points = @Value AND (scored_at, user_id) < (@ScoredAt, @UserId)");

    public static PostgresLeaderboardSql ByAccuracy { get; } = new(
        bucket: AccuracyBucket,
        qualifies: Qualified,
        order: $"{Accuracy} DESC, points DESC, scored_at, user_id",
        tiesAhead: $"{Accuracy} = @Value AND (points > @Points OR (points = @Points AND (scored_at, user_id) < (@ScoredAt, @UserId)))");

    private PostgresLeaderboardSql(string bucket, string qualifies, string order, string tiesAhead)
    {
        Bucket = bucket;
        Page = $"""
            SELECT user_id AS UserId,
                   COALESCE((SELECT u.display_name FROM users AS u WHERE u.scope = @Scope AND u.user_id = score_periods.user_id), user_id) AS DisplayName,
                   points AS Points, answered AS Answered, correct AS Correct
            FROM score_periods
            WHERE {Period}{qualifies}
            ORDER BY {order}
            LIMIT @Take OFFSET @Offset;
            """;
        var buckets = $"FROM score_buckets WHERE {Period} AND metric = '{bucket}'";
        Count = $"SELECT COALESCE(SUM(players), 0)::bigint {buckets};";
        RankAhead = $"""
            SELECT (SELECT COALESCE(SUM(players), 0) {buckets} AND value > @Value)::bigint
                 + (SELECT COUNT(*) FROM score_periods WHERE {Period}{qualifies} AND {tiesAhead});
            """;
        MinimumAnswers = qualifies.Length == 0 ? 1 : MinimumAnswersForAccuracy;
    }

    /// <summary>The <c>score_buckets.metric</c> this board ranks by.</summary>
    public string Bucket { get; }

    /// <summary>One page of rows in rank order, with display names.</summary>
    public string Page { get; }

    /// <summary>How many players are ranked in the period.</summary>
    public string Count { get; }

    /// <summary>How many ranked players are ahead of the one described by @Value, @Points, @ScoredAt, @UserId.</summary>
    public string RankAhead { get; }

    /// <summary>Answers a player needs in the period to be ranked.</summary>
    public int MinimumAnswers { get; }

    public static PostgresLeaderboardSql For(LeaderboardMetric metric) => metric switch
    {
        LeaderboardMetric.Points => Points,
        LeaderboardMetric.Accuracy => ByAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown leaderboard metric."),
    };

    /// <summary>The value of the first sort key for a player's period row.</summary>
    public double ValueOf(long points, long answered, long correct) =>
        Bucket == PointsBucket ? points : (double)correct / answered;
}
