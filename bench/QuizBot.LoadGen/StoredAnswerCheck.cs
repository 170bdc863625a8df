using Microsoft.Data.Sqlite;

namespace QuizBot.LoadGen;

/// <summary>The check's verdict and the lines that explain it.</summary>
internal sealed record CheckResult(bool Passed, IReadOnlyList<string> Lines);

/// <summary>
/// Compares the database with what the members saw: per member, the stored answers (and how many were right) must
/// equal the answers the bot revealed as accepted, and the player's running totals must say the same. Fewer means an
/// answer was lost; more means one was stored twice or without the member seeing it.
/// </summary>
internal static class StoredAnswerCheck
{
    private const int MaxListedMismatches = 5;

    public static CheckResult Run(string databasePath, string scope, IReadOnlyList<VirtualMember> members)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var db = new SqliteConnection(connection);
        db.Open();
        var answers = Read(db, "SELECT user_id, COUNT(*), COALESCE(SUM(correct), 0) FROM answers WHERE scope = $scope GROUP BY user_id", scope);
        var totals = Read(db, "SELECT user_id, answered, correct FROM player_totals WHERE scope = $scope", scope);

        var mismatches = new List<string>();
        foreach (var member in members)
        {
            var seen = (member.AcceptedAnswers, member.CorrectAnswers);
            var stored = answers.GetValueOrDefault(member.UserId);
            var total = totals.GetValueOrDefault(member.UserId);
            if (stored != seen || total != seen)
            {
                mismatches.Add($"member {member.UserId}: saw {seen.AcceptedAnswers} accepted ({seen.CorrectAnswers} right), answers table {stored.Answered} ({stored.Correct}), totals {total.Answered} ({total.Correct})");
            }
        }

        var strangers = answers.Keys.Except(members.Select(m => m.UserId)).Count();
        if (strangers > 0)
        {
            mismatches.Add($"{strangers} player(s) in the guild that no virtual member played as");
        }

        var accepted = members.Sum(m => m.AcceptedAnswers);
        var storedCount = answers.Values.Sum(a => a.Answered);
        var lines = new List<string> { $"answers accepted {accepted}, stored {storedCount}; members checked {members.Count}, mismatched {mismatches.Count}" };
        lines.AddRange(mismatches.Take(MaxListedMismatches));
        return new CheckResult(mismatches.Count == 0, lines);
    }

    private static Dictionary<string, (int Answered, int Correct)> Read(SqliteConnection db, string sql, string scope)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$scope", scope);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return rows;
    }
}
