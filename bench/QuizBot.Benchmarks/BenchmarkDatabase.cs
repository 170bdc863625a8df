using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Sqlite;

namespace QuizBot.Benchmarks;

/// <summary>
/// A database with 100,000 players and 1,000,000 answers in one scope, built once through the same answer
/// writer the bot uses (one transaction, prepared commands) and cached in the temp folder. The cache key holds
/// the schema version and the data recipe version, so a schema change rebuilds it.
/// </summary>
internal static class BenchmarkDatabase
{
    public const string Scope = "bench-guild";
    public const int Players = 100_000;
    public const int AnswerCount = 1_000_000;

    /// <summary>Bump when the recipe below changes.</summary>
    private const int RecipeVersion = 1;

    /// <summary>"Now" for every query: a Wednesday, so the week and month in progress both hold data.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);

    public static string PathFor() => System.IO.Path.Combine(
        System.IO.Path.GetTempPath(),
        $"quizbot-bench-schema{SqliteStore.LatestSchemaVersion}-recipe{RecipeVersion}.db");

    public static string EnsureBuilt()
    {
        var path = PathFor();
        if (File.Exists(path))
        {
            return path;
        }

        var building = path + $".{Environment.ProcessId}.building";
        Build(building);
        File.Move(building, path, overwrite: true);
        return path;
    }

    public static string UserId(int index) => $"user{index:000000}";

    private static void Build(string path)
    {
        using (SqliteStore.Open(path))
        {
            // Creates the file with the current schema; the pool is released on dispose.
        }

        var random = new Random(20250618);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var transaction = connection.BeginTransaction())
        {
            using var writer = new AnswerWriter(connection, transaction);
            var written = 0;
            var session = 0;
            while (written < AnswerCount)
            {
                // Every player plays once; after that, a few players play much more than most.
                var player = session < Players ? session : (int)(Players * Math.Pow(random.NextDouble(), 3));
                var key = new PlayerKey(Scope, UserId(player));
                var length = Math.Min(random.Next(1, 11), AnswerCount - written);

                // Recent days are busier than old ones: about a fifth of the answers fall in the last week.
                var startedAt = Now.AddSeconds(-180 * 86_400 * Math.Pow(random.NextDouble(), 2));
                for (var i = 0; i < length; i++)
                {
                    var correct = random.NextDouble() < 0.65;
                    var answer = new AnswerRecord(
                        key,
                        $"Player {player}",
                        $"bench-{session}",
                        i,
                        $"q{random.Next(300)}",
                        $"fact{random.Next(120)}",
                        random.Next(3) == 0 ? ["csto", "base"] : ["csto"],
                        correct,
                        correct ? (random.Next(4) == 0 ? 15 : 10) : 0,
                        QuizMode.Quiz,
                        startedAt.AddSeconds(i * 20));
                    writer.Write(answer);
                }

                written += length;
                session++;
            }

            transaction.Commit();
        }

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
