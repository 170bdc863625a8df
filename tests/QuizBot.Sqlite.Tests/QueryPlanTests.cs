using Dapper;
using QuizBot.Core.Ports;

namespace QuizBot.Sqlite.Tests;

/// <summary>
/// The leaderboard stays fast only while SQLite answers it from indexes: a page must not sort, and counts
/// must not read table rows. These checks catch an edit that silently breaks an index match.
/// </summary>
public sealed class QueryPlanTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Theory]
    [InlineData(LeaderboardMetric.Points, "ix_score_periods_points")]
    [InlineData(LeaderboardMetric.Accuracy, "ix_score_periods_accuracy")]
    public void A_page_walks_the_index_in_order(LeaderboardMetric metric, string index)
    {
        var plan = Plan(LeaderboardSql.For(metric).Page);
        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN score_periods", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeaderboardMetric.Points, "ix_score_periods_points")]
    [InlineData(LeaderboardMetric.Accuracy, "ix_score_periods_accuracy")]
    public void Ranks_and_totals_read_buckets_and_covering_index_ranges_only(LeaderboardMetric metric, string index)
    {
        var sql = LeaderboardSql.For(metric);
        var rank = Plan(sql.RankAhead);
        Assert.Contains($"COVERING INDEX {index}", rank, StringComparison.Ordinal);
        Assert.Contains("score_buckets USING PRIMARY KEY", rank, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN score_", rank, StringComparison.Ordinal);
        Assert.DoesNotContain("USING INDEX", rank, StringComparison.Ordinal);

        var count = Plan(sql.Count);
        Assert.Contains("score_buckets USING PRIMARY KEY", count, StringComparison.Ordinal);
        Assert.DoesNotContain("score_periods", count, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void An_answers_bucket_moves_look_each_bucket_up_by_its_key(int buckets)
    {
        // A row-value IN over VALUES looked the same but scanned every bucket of the scope and kind.
        var parameters = new DynamicParameters();
        for (var i = 0; i < buckets; i++)
        {
            parameters.Add($"s{i}", "g");
            parameters.Add($"k{i}", "week");
            parameters.Add($"p{i}", 20000L + i);
            parameters.Add($"m{i}", "points");
            parameters.Add($"v{i}", 10.0);
        }

        var (leaveLast, leave, join) = AnswerWriter.BucketStatements(buckets) switch
        {
            [var a, var b, var c] => (a, b, c),
            _ => throw new InvalidOperationException("three statements expected"),
        };
        foreach (var plan in new[] { Plan(leaveLast, parameters), Plan(leave, parameters) })
        {
            Assert.DoesNotContain("SCAN score_buckets", plan, StringComparison.Ordinal);
            Assert.Contains("SEARCH score_buckets USING PRIMARY KEY (scope=? AND kind=? AND period_start=? AND metric=? AND value=?)", plan, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SCAN score_buckets", Plan(join, parameters), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_that_stays_open_is_updated_without_touching_its_indexes()
    {
        // finished_at is in both partial indexes' WHERE clauses: naming it in SET rewrites their entries, even unchanged.
        Assert.Equal(0, IndexWrites(QuizSessionRows.CompareAndSetOpen.Sql));
        Assert.True(IndexWrites(QuizSessionRows.CompareAndSetFinish.Sql) >= 2);
    }

    [Fact]
    public void An_answer_worth_no_points_leaves_the_points_index_alone_and_one_worth_points_moves_it()
    {
        // Naming points or scored_at in the upsert's SET deletes and re-inserts each period's ix_score_periods_points
        // entry, even unchanged. (Both statements insert into it when the period row is new.)
        Assert.Equal(0, EntriesDeleted(AnswerWriter.PeriodsSql(scored: false), "ix_score_periods_points"));
        Assert.True(EntriesDeleted(AnswerWriter.PeriodsSql(scored: false), "ix_score_periods_accuracy") >= 1);
        Assert.True(EntriesDeleted(AnswerWriter.PeriodsSql(scored: true), "ix_score_periods_points") >= 1);
    }

    /// <summary>How many IdxDelete the statement's bytecode runs on a cursor over <paramref name="btree"/>.</summary>
    private int EntriesDeleted(string sql, string btree)
    {
        _ = db.Store;
        using var connection = db.OpenRaw();
        var root = connection.ExecuteScalar<long>("SELECT rootpage FROM sqlite_schema WHERE name = @btree;", new { btree });
        var program = connection.Query<(long Addr, string Opcode, long P1, long P2)>("EXPLAIN " + sql).ToList();
        var cursors = program.Where(op => op.Opcode is "OpenWrite" or "OpenRead" && op.P2 == root).Select(op => op.P1).ToHashSet();
        Assert.NotEmpty(cursors);
        return program.Count(op => op.Opcode == "IdxDelete" && cursors.Contains(op.P1));
    }

    /// <summary>How many index entries the statement's bytecode deletes or inserts.</summary>
    private int IndexWrites(string sql)
    {
        _ = db.Store;
        using var connection = db.OpenRaw();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN " + sql;
        using var reader = explain.ExecuteReader();
        var writes = 0;
        while (reader.Read())
        {
            writes += reader.GetString(1) is "IdxDelete" or "IdxInsert" ? 1 : 0;
        }

        return writes;
    }

    private string Plan(string sql, DynamicParameters parameters)
    {
        _ = db.Store;
        using var connection = db.OpenRaw();
        var rows = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join("\n", rows.Select(r => r.Detail));
    }

    private string Plan(string sql)
    {
        _ = db.Store;
        using var connection = db.OpenRaw();
        var rows = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + sql,
            new { Scope = "g", Kind = "week", Start = 20000L, Offset = 0, Take = 10, Value = 0.5, Points = 10L, ScoredAt = 0L, UserId = "u" });
        return string.Join("\n", rows.Select(r => r.Detail));
    }
}
