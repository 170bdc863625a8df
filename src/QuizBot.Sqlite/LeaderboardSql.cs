using QuizBot.Core.Ports;

namespace QuizBot.Sqlite;

/// <summary>
/// The SQL for one leaderboard metric over <c>score_periods</c>. The order is total, so every player has one rank:
/// by points: points desc, then who reached that score first (scored_at asc), then user id;
/// by accuracy (10+ answers): accuracy desc, points desc, scored_at asc, user id.
/// Each ORDER BY matches an index, so a page reads only its rows. The players ahead of someone are the sum of
/// the <c>score_buckets</c> above their value plus a count over an index range inside their own value.
/// </summary>
internal sealed class LeaderboardSql
{
    public const int MinimumAnswersForAccuracy = 10;
    public const string PointsBucket = "points";
    public const string AccuracyBucket = "accuracy";

    private const string Period = "scope = @Scope AND kind = @Kind AND period_start = @Start";

    // Must stay textually the same expression as in ix_score_periods_accuracy for SQLite to use that index.
    private const string Accuracy = "CAST(correct AS REAL) / answered";

    public static LeaderboardSql Points { get; } = new(
        bucket: PointsBucket,
        qualifies: string.Empty,
        order: "points DESC, scored_at, user_id",
        tiesAhead:
        [
            "points = @Value AND scored_at < @ScoredAt",
            "points = @Value AND scored_at = @ScoredAt AND user_id < @UserId",
        ],
        rankAheadParameters: ["@Scope", "@Kind", "@Start", "@Value", "@ScoredAt", "@UserId"]);

    // " AND answered >= 10" must stay the literal of ix_score_periods_accuracy's WHERE clause for SQLite to use it.
    public static LeaderboardSql ByAccuracy { get; } = new(
        bucket: AccuracyBucket,
        qualifies: " AND answered >= 10",
        order: $"{Accuracy} DESC, points DESC, scored_at, user_id",
        tiesAhead:
        [
            $"{Accuracy} = @Value AND points > @Points",
            $"{Accuracy} = @Value AND points = @Points AND scored_at < @ScoredAt",
            $"{Accuracy} = @Value AND points = @Points AND scored_at = @ScoredAt AND user_id < @UserId",
        ],
        rankAheadParameters: ["@Scope", "@Kind", "@Start", "@Value", "@Points", "@ScoredAt", "@UserId"]);

    private LeaderboardSql(string bucket, string qualifies, string order, string[] tiesAhead, string[] rankAheadParameters)
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
        Count = $"SELECT COALESCE(SUM(players), 0) {buckets};";
        RankAhead = $"SELECT (SELECT COALESCE(SUM(players), 0) {buckets} AND value > @Value)\n + "
            + string.Join("\n + ", tiesAhead.Select(condition => $"(SELECT COUNT(*) FROM score_periods WHERE {Period}{qualifies} AND {condition})"))
            + ";";
        MinimumAnswers = qualifies.Length == 0 ? 1 : MinimumAnswersForAccuracy;
        PageStatement = new SqlStatement(Page, "@Scope", "@Kind", "@Start", "@Take", "@Offset");
        CountStatement = new SqlStatement(Count, "@Scope", "@Kind", "@Start");
        RankAheadStatement = new SqlStatement(RankAhead, rankAheadParameters);
    }

    /// <summary><see cref="Page"/> for a kept reader connection (<see cref="SqliteRead"/>): @Scope, @Kind, @Start, @Take, @Offset in that order.</summary>
    public SqlStatement PageStatement { get; }

    /// <summary><see cref="Count"/> for a kept reader connection: @Scope, @Kind, @Start.</summary>
    public SqlStatement CountStatement { get; }

    /// <summary><see cref="RankAhead"/> for a kept reader connection: @Scope, @Kind, @Start, @Value, (by accuracy: @Points,) @ScoredAt, @UserId.</summary>
    public SqlStatement RankAheadStatement { get; }

    /// <summary>The <c>score_buckets.metric</c> this board ranks by.</summary>
    public string Bucket { get; }

    /// <summary>One page of rows in rank order, with display names.</summary>
    public string Page { get; }

    /// <summary>How many players are ranked in the period.</summary>
    public string Count { get; }

    /// <summary>How many ranked players are ahead of the one described by @Value (points or accuracy), @Points, @ScoredAt, @UserId.</summary>
    public string RankAhead { get; }

    /// <summary>Answers a player needs in the period to be ranked.</summary>
    public int MinimumAnswers { get; }

    public static LeaderboardSql For(LeaderboardMetric metric) => metric switch
    {
        LeaderboardMetric.Points => Points,
        LeaderboardMetric.Accuracy => ByAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown leaderboard metric."),
    };

    /// <summary>The value of the first sort key for a player's period row.</summary>
    public double ValueOf(long points, long answered, long correct) =>
        Bucket == PointsBucket ? points : (double)correct / answered;
}
