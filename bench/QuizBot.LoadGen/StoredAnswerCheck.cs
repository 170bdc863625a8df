using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace QuizBot.LoadGen;

/// <summary>The check's verdict and the lines that explain it.</summary>
internal sealed record CheckResult(bool Passed, IReadOnlyList<string> Lines);

/// <summary>Where the bot keeps its answers: a SQLite file, or a PostgreSQL database (several instances share one).</summary>
internal sealed record AnswerStore(string? SqlitePath, string? PostgresConnectionString)
{
    public DbConnection Open()
    {
        DbConnection connection = PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

/// <summary>
/// Compares the database with what the members saw. Quiz: per member, the stored answers (and how many were right)
/// must equal the answers the bot revealed as accepted, and the player's running totals must say the same. Study:
/// per player, the review log must hold one row per rating the bot accepted. Fewer means something was lost; more
/// means it was stored twice or without the member seeing it.
/// </summary>
internal static class StoredAnswerCheck
{
    private const int MaxListedMismatches = 5;

    public static CheckResult Run(AnswerStore store, string scope, IReadOnlyList<QuizMember> quizzers, IReadOnlyList<StudyMember> students)
    {
        using var db = store.Open();
        var mismatches = new List<string>();
        var lines = new List<string>();
        if (quizzers.Count > 0)
        {
            var answers = Read(db, "SELECT user_id, COUNT(*), COALESCE(SUM(correct), 0) FROM answers WHERE scope = @scope GROUP BY user_id", scope);
            var totals = Read(db, "SELECT user_id, answered, correct FROM player_totals WHERE scope = @scope", scope);
            var before = mismatches.Count;
            foreach (var member in quizzers)
            {
                var seen = (member.AcceptedAnswers, member.CorrectAnswers);
                var stored = answers.GetValueOrDefault(member.UserId);
                var total = totals.GetValueOrDefault(member.UserId);
                if (stored != seen || total != seen)
                {
                    mismatches.Add($"member {member.UserId}: saw {seen.AcceptedAnswers} accepted ({seen.CorrectAnswers} right), answers table {stored.Count} ({stored.Sum}), totals {total.Count} ({total.Sum})");
                }
            }

            var strangers = answers.Keys.Except(quizzers.Select(m => m.UserId)).Count();
            if (strangers > 0)
            {
                mismatches.Add($"{strangers} player(s) with answers in the guild that no virtual member played as");
            }

            lines.Add($"quiz answers accepted {quizzers.Sum(m => m.AcceptedAnswers)}, stored {answers.Values.Sum(a => a.Count)}; members checked {quizzers.Count}, mismatched {mismatches.Count - before}");
            if (quizzers.Sum(m => m.AcceptedAnswers) == 0)
            {
                // Nothing accepted proves nothing: the bot may have refused or deferred every answer.
                mismatches.Add("no quiz answer was accepted, so nothing could be compared");
            }
        }

        if (students.Count > 0)
        {
            var reviews = Read(db, "SELECT user_id, COUNT(*), 0 FROM review_log WHERE scope = @scope GROUP BY user_id", scope);
            var seen = students.SelectMany(s => s.AcceptedRatings).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var before = mismatches.Count;
            foreach (var userId in seen.Keys.Union(reviews.Keys))
            {
                var rated = seen.GetValueOrDefault(userId);
                var logged = reviews.GetValueOrDefault(userId).Count;
                if (rated != logged)
                {
                    mismatches.Add($"player {userId}: {rated} rating(s) accepted, {logged} in the review log");
                }
            }

            lines.Add($"study ratings accepted {seen.Values.Sum()}, logged {reviews.Values.Sum(r => r.Count)}; players checked {seen.Count}, mismatched {mismatches.Count - before}");
            if (seen.Values.Sum() == 0)
            {
                mismatches.Add("no study rating was accepted, so nothing could be compared");
            }
        }

        lines.AddRange(mismatches.Take(MaxListedMismatches));
        return new CheckResult(mismatches.Count == 0, lines);
    }

    private static Dictionary<string, (int Count, int Sum)> Read(DbConnection db, string sql, string scope)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "scope";
        parameter.Value = scope;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            // COUNT and SUM are 64-bit on PostgreSQL and SQLite alike; the figures here fit an int.
            rows[reader.GetString(0)] = (Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        }

        return rows;
    }
}
