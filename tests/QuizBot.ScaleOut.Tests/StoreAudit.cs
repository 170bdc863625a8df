using System.Data.Common;
using Dapper;

namespace QuizBot.ScaleOut.Tests;

/// <summary>The figures one audit found, for the assertion messages and the report.</summary>
internal sealed record AuditResult(int Acknowledged, int Stored, int Lost, int Doubled, int StoredWithoutReveal, int AcknowledgedAfterLoss, IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"acknowledged {Acknowledged}, stored {Stored}, lost {Lost}, doubled {Doubled}, acknowledged on a second press after a lost reply {AcknowledgedAfterLoss}, stored with no reveal ever seen {StoredWithoutReveal}"
        + (Problems.Count == 0 ? "" : $"; problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Problems.Take(20)));
}

/// <summary>
/// Compares what the members saw with what the database holds, with the same SQL on SQLite and PostgreSQL: every
/// acknowledged answer stored exactly once with the verdict shown; nothing stored that no member sent; and every
/// rollup (player totals, each quiz session, the leaderboard's periods and rank buckets) equal to a recount of the
/// answers table.
/// </summary>
internal static class StoreAudit
{
    public static async Task<AuditResult> RunAsync(DbConnection db, string scope, AnswerLedger ledger)
    {
        var problems = new List<string>();
        var rows = (await db.QueryAsync<AnswerRow>(
            "SELECT session_id AS SessionId, question_index AS QuestionIndex, user_id AS UserId, correct AS Correct FROM answers WHERE scope = @scope",
            new { scope })).ToList();
        var stored = rows.GroupBy(r => new AnswerKey(r.SessionId, (int)r.QuestionIndex)).ToDictionary(g => g.Key, g => g.ToList());
        var acknowledged = ledger.AcknowledgedAnswers;
        var unacknowledged = ledger.Unacknowledged;

        var doubled = stored.Count(s => s.Value.Count > 1);
        problems.AddRange(stored.Where(s => s.Value.Count > 1).Select(s => $"{s.Key} stored {s.Value.Count} times"));
        var lost = 0;
        foreach (var (key, seen) in acknowledged)
        {
            if (!stored.TryGetValue(key, out var found))
            {
                lost++;
                problems.Add($"{key} acknowledged to {seen.UserId} but not stored");
            }
            else if (found[0].UserId != seen.UserId || (found[0].Correct == 1) != seen.Correct)
            {
                problems.Add($"{key} stored as ({found[0].UserId}, correct {found[0].Correct}) but revealed as ({seen.UserId}, {seen.Correct})");
            }
        }

        var withoutReveal = stored.Keys.Count(k => !acknowledged.ContainsKey(k) && unacknowledged.Contains(k));
        problems.AddRange(stored.Keys.Where(k => !acknowledged.ContainsKey(k) && !unacknowledged.Contains(k)).Select(k => $"{k} stored but never sent by a member"));
        problems.AddRange(ledger.Contradictions);

        await RecountAsync(db, scope, problems);
        return new AuditResult(acknowledged.Count, rows.Count, lost, doubled, withoutReveal, ledger.AcknowledgedAfterLoss, problems);
    }

    private static async Task RecountAsync(DbConnection db, string scope, List<string> problems)
    {
        const string Recount = """
            SELECT user_id AS UserId, CAST(COUNT(*) AS bigint) AS Answered, CAST(SUM(correct) AS bigint) AS Correct, CAST(SUM(points) AS bigint) AS Points
            FROM answers WHERE scope = @scope GROUP BY user_id
            """;
        var recount = (await db.QueryAsync<Tally>(Recount, new { scope })).ToDictionary(t => t.UserId);

        var totals = await db.QueryAsync<Tally>(
            "SELECT user_id AS UserId, CAST(answered AS bigint) AS Answered, CAST(correct AS bigint) AS Correct, CAST(points AS bigint) AS Points FROM player_totals WHERE scope = @scope",
            new { scope });
        Compare("player_totals", recount, totals.ToDictionary(t => t.UserId), problems);

        // Each period kind partitions the answers, so per player its rows add up to the recount, whatever weeks or months the run spans.
        foreach (var kind in new[] { "week", "month", "all" })
        {
            var periods = await db.QueryAsync<Tally>(
                """
                SELECT user_id AS UserId, CAST(SUM(answered) AS bigint) AS Answered, CAST(SUM(correct) AS bigint) AS Correct, CAST(SUM(points) AS bigint) AS Points
                FROM score_periods WHERE scope = @scope AND kind = @kind GROUP BY user_id
                """,
                new { scope, kind });
            Compare($"score_periods ({kind})", recount, periods.ToDictionary(t => t.UserId), problems);
        }

        // Rank buckets: how many players share each points value of each board.
        var buckets = (await db.QueryAsync<Bucket>(
            "SELECT kind AS Kind, CAST(period_start AS bigint) AS PeriodStart, CAST(value AS bigint) AS Value, CAST(players AS bigint) AS Players FROM score_buckets WHERE scope = @scope AND metric = 'points' AND players > 0",
            new { scope })).ToHashSet();
        var counted = (await db.QueryAsync<Bucket>(
            "SELECT kind AS Kind, CAST(period_start AS bigint) AS PeriodStart, CAST(points AS bigint) AS Value, CAST(COUNT(*) AS bigint) AS Players FROM score_periods WHERE scope = @scope GROUP BY kind, period_start, points",
            new { scope })).ToHashSet();
        if (!buckets.SetEquals(counted))
        {
            problems.Add($"score_buckets (points) differ from a recount of score_periods: only in buckets {string.Join(", ", buckets.Except(counted))}; only in recount {string.Join(", ", counted.Except(buckets))}");
        }

        // Each quiz's own counters against its answers.
        var sessions = await db.QueryAsync<SessionTally>(
            """
            SELECT s.id AS SessionId, CAST(s.answered AS bigint) AS Answered, CAST(s.correct AS bigint) AS Correct,
                   CAST((SELECT COUNT(*) FROM answers AS a WHERE a.session_id = s.id) AS bigint) AS Stored,
                   CAST((SELECT COALESCE(SUM(a.correct), 0) FROM answers AS a WHERE a.session_id = s.id) AS bigint) AS StoredCorrect
            FROM quiz_sessions AS s WHERE s.scope = @scope
            """,
            new { scope });
        problems.AddRange(sessions
            .Where(s => s.Answered != s.Stored || s.Correct != s.StoredCorrect)
            .Select(s => $"quiz {s.SessionId} says {s.Answered} answered ({s.Correct} right), answers table has {s.Stored} ({s.StoredCorrect})"));
    }

    private static void Compare(string what, Dictionary<string, Tally> recount, Dictionary<string, Tally> rollup, List<string> problems)
    {
        foreach (var user in recount.Keys.Union(rollup.Keys))
        {
            var expected = recount.GetValueOrDefault(user) ?? new Tally { UserId = user };
            var actual = rollup.GetValueOrDefault(user) ?? new Tally { UserId = user };
            if (expected != actual)
            {
                problems.Add($"{what} for {user}: {actual} but the answers recount to {expected}");
            }
        }
    }

    private sealed record AnswerRow
    {
        public string SessionId { get; init; } = "";
        public long QuestionIndex { get; init; }
        public string UserId { get; init; } = "";
        public long Correct { get; init; }
    }

    private sealed record Tally
    {
        public string UserId { get; init; } = "";
        public long Answered { get; init; }
        public long Correct { get; init; }
        public long Points { get; init; }

        public override string ToString() => $"{Answered} answered, {Correct} right, {Points} points";
    }

    private sealed record Bucket
    {
        public string Kind { get; init; } = "";
        public long PeriodStart { get; init; }
        public long Value { get; init; }
        public long Players { get; init; }

        public override string ToString() => $"{Kind}/{PeriodStart}: {Value} pts x{Players}";
    }

    private sealed record SessionTally
    {
        public string SessionId { get; init; } = "";
        public long Answered { get; init; }
        public long Correct { get; init; }
        public long Stored { get; init; }
        public long StoredCorrect { get; init; }
    }
}
