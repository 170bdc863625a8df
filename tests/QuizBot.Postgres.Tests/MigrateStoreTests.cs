using System.CommandLine;
using Dapper;
using Npgsql;
using QuizBot.Cli;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;
using QuizBot.Core.Trivia;
using QuizBot.Sqlite;

namespace QuizBot.Postgres.Tests;

/// <summary>
/// `quizbot migrate-store --to postgres` from a real SQLite file into the throwaway PostgreSQL: everything a member
/// sees reads the same on both stores afterwards, new rows do not collide with copied ids, and mistakes are refused.
/// </summary>
public sealed class MigrateStoreTests(PostgresFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset From = new(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = From.AddDays(30);
    private static readonly PlayerKey Ann = new("g1", "ann");

    private readonly string folder = Path.Combine(Path.GetTempPath(), "quizbot-migrate-" + Guid.NewGuid().ToString("N"));

    private string SqlitePath => Path.Combine(folder, "bot.db");

    [Fact]
    public async Task Everything_a_member_sees_reads_the_same_on_PostgreSQL_after_the_copy_and_new_rows_follow_the_copied_ids()
    {
        var answers = await SeedAsync();
        await using var db = await fixture.NewDatabaseAsync();

        var run = await MigrateAsync("--from", SqlitePath, "--connection-string", db.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("every table's count matches", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"answers\s*│\s*{answers}\s*│\s*{answers}\s*│\s*ok", run.Output);
        using var sqlite = SqliteStore.Open(SqlitePath);
        var postgres = db.Store;
        foreach (var scope in new[] { "g1", "g2" })
        {
            foreach (var period in Enum.GetValues<LeaderboardPeriod>())
            {
                foreach (var metric in Enum.GetValues<LeaderboardMetric>())
                {
                    var expected = await sqlite.Stats.GetLeaderboardAsync(scope, period, metric, "u3", 0, 50, Now);
                    var actual = await postgres.Stats.GetLeaderboardAsync(scope, period, metric, "u3", 0, 50, Now);
                    Assert.Equivalent(expected, actual, strict: true);
                }
            }
        }

        Assert.Equivalent(await sqlite.Stats.GetStatsAsync(Ann, Now), await postgres.Stats.GetStatsAsync(Ann, Now), strict: true);
        Assert.Equivalent(await sqlite.Quizzes.GetOpenQuizAsync(Ann), await postgres.Quizzes.GetOpenQuizAsync(Ann), strict: true);
        Assert.Equivalent(await sqlite.Quizzes.GetStepAsync("open", 0), await postgres.Quizzes.GetStepAsync("open", 0), strict: true);
        Assert.Equivalent(await sqlite.Quizzes.GetSeenCountsAsync(Ann), await postgres.Quizzes.GetSeenCountsAsync(Ann), strict: true);
        Assert.Equivalent(await sqlite.Study.GetCardsAsync(Ann), await postgres.Study.GetCardsAsync(Ann), strict: true);
        Assert.Equivalent(await sqlite.Study.GetReviewLogAsync(Ann), await postgres.Study.GetReviewLogAsync(Ann), strict: true);
        Assert.Equivalent(await sqlite.Study.GetShownAsync(Ann), await postgres.Study.GetShownAsync(Ann), strict: true);
        Assert.Equivalent(await sqlite.Trivia.GetAsync("game-1"), await postgres.Trivia.GetAsync("game-1"), strict: true);
        Assert.Equivalent(await sqlite.Guilds.GetSettingsAsync("g1"), await postgres.Guilds.GetSettingsAsync("g1"), strict: true);
        Assert.Equivalent(await sqlite.Guilds.GetReportsAsync("g1", includeResolved: true), await postgres.Guilds.GetReportsAsync("g1", includeResolved: true), strict: true);
        Assert.Equivalent(await sqlite.Guilds.GetRecentDailyQuestionsAsync("g1", 10), await postgres.Guilds.GetRecentDailyQuestionsAsync("g1", 10), strict: true);
        await using var raw = await db.OpenRawAsync();
        await Recount.AssertRollupsMatchAsync(raw);
        Assert.Equal(0, await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM interaction_receipts;"));

        // Identity columns continue after the copied ids: new reports, answers and sessions are stored, not refused.
        var copiedReports = await raw.ExecuteScalarAsync<long>("SELECT MAX(id) FROM question_reports;");
        Assert.True(await postgres.Guilds.AddReportAsync("g1", "bob", "q1", "typo", Now) > copiedReports);
        var bob = new PlayerKey("g1", "bob");
        Assert.True(await postgres.Quizzes.RecordAsync(Answers.Make(bob, "after-copy", 0, correct: true, Now)));
        Assert.IsType<QuizOpenResult.Opened>(await postgres.Quizzes.OpenAsync(Answers.Session(bob, "bob-open", startedAt: Now)));
        Assert.True(await raw.ExecuteScalarAsync<long>("SELECT seq FROM quiz_sessions WHERE id = 'bob-open';")
            > await raw.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM quiz_sessions WHERE id <> 'bob-open';"));
        Assert.Equal(answers + 1, await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM answers;"));
    }

    [Fact]
    public async Task A_target_holding_data_is_refused_unless_overwrite_is_given_and_then_it_holds_exactly_the_copy()
    {
        var answers = await SeedAsync();
        await using var db = await fixture.NewDatabaseAsync();
        Assert.Equal(0, (await MigrateAsync("--from", SqlitePath, "--connection-string", db.ConnectionString)).ExitCode);
        await db.Store.Guilds.AddReportAsync("g9", "zed", "q1", "made after the copy", Now);

        var refused = await MigrateAsync("--from", SqlitePath, "--connection-string", db.ConnectionString);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already holds data (users: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Single(await db.Store.Guilds.GetReportsAsync("g9", includeResolved: true));

        var replaced = await MigrateAsync("--from", SqlitePath, "--connection-string", db.ConnectionString, "--overwrite");

        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Empty(await db.Store.Guilds.GetReportsAsync("g9", includeResolved: true));
        await using var raw = await db.OpenRawAsync();
        Assert.Equal(answers, await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM answers;"));
    }

    [Fact]
    public async Task Bad_options_and_unusable_databases_are_refused_with_exit_code_2_and_change_nothing()
    {
        await SeedAsync();
        await using var db = await fixture.NewDatabaseAsync();
        var unreachable = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = 1, Password = "s3cret-never-shown" }.ConnectionString;

        var wrongStore = await CliRunAsync("migrate-store", "--to", "mysql", "--from", SqlitePath, "--connection-string", db.ConnectionString);
        var misspelt = await CliRunAsync("migrate-store", "--to", "postgres", "--form", SqlitePath);
        var noFile = await MigrateAsync("--from", Path.Combine(folder, "missing.db"), "--connection-string", db.ConnectionString);
        var noServer = await MigrateAsync("--from", SqlitePath, "--connection-string", unreachable);

        Assert.Equal([2, 2, 2, 2], new[] { wrongStore.ExitCode, misspelt.ExitCode, noFile.ExitCode, noServer.ExitCode });
        Assert.Contains("mysql", wrongStore.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean --from", misspelt.Error, StringComparison.Ordinal);
        Assert.Contains("No SQLite database at", noFile.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "missing.db")));
        Assert.StartsWith("The PostgreSQL database cannot be used (postgres://127.0.0.1:1/", noServer.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", noServer.Error, StringComparison.Ordinal);
        await using var raw = await db.OpenRawAsync();
        Assert.Equal(0, await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public';"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> MigrateAsync(params string[] args) =>
        CliRunAsync(["migrate-store", "--to", "postgres", .. args]);

    private static async Task<(int ExitCode, string Output, string Error)> CliRunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.InvokeAsync(CliApp.Create(), args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A SQLite file written through the store's ports as the bot writes it, every kind of row; returns its answers.</summary>
    private async Task<long> SeedAsync()
    {
        using var store = SqliteStore.Open(SqlitePath);
        var random = new Random(11);
        for (var s = 0; s < 10; s++)
        {
            var player = new PlayerKey(s % 3 == 0 ? "g2" : "g1", $"u{random.Next(6)}");
            var session = Answers.Session(player, $"s{s}", count: 6, startedAt: From) with { Mode = QuizMode.Trivia };
            for (var i = 0; i < 6; i++)
            {
                var answer = Answers.Make(player, session.Id, i, random.Next(3) > 0, From.AddHours(random.Next(24 * 28)), points: random.Next(0, 3) * 5, topics: ["csto", $"t{i % 2}"]);
                var answered = Answers.Transition(session, answer);
                Assert.Equal(QuizTransitionResult.Applied, await store.Quizzes.ApplyAsync(answered));
                session = answered.After;
            }
        }

        // Ann's open quiz with one question answered (a step with its reveal), her flashcards and a card on screen.
        var open = Answers.Session(Ann, "open", count: 5, startedAt: From.AddDays(2));
        Assert.IsType<QuizOpenResult.Opened>(await store.Quizzes.OpenAsync(open));
        Assert.IsType<QuizTransitionResult.AppliedResult>(await store.Quizzes.ApplyAsync(Store.Contracts.ContractData.Answer(open, correct: true, From.AddDays(2).AddMinutes(1))));
        var scheduler = new FsrsScheduler();
        foreach (var (card, rating) in new[] { ("fact-1", Rating.Good), ("fact-2", Rating.Again) })
        {
            var shown = await store.Study.ShowAsync(Ann, card);
            var result = scheduler.Review(FsrsScheduler.NewCard(card, From.AddDays(3)), rating, From.AddDays(3));
            Assert.True(await store.Study.RateAsync(Ann, new CardReview(shown, result.After, result.Log)));
        }

        await store.Study.ShowAsync(Ann, "fact-3");

        // A season, a daily channel and question, reports (one resolved), a trivia game with a press.
        await store.Guilds.SaveSettingsAsync(new GuildSettings("g1", "555", 8, From.AddDays(10)));
        Assert.True(await store.Guilds.ClaimDailyQuestionAsync(new DailyQuestion("g1", new DateOnly(2025, 3, 1), "deck", "q3", "555", From.AddDays(9))));
        await store.Guilds.CompleteDailyQuestionAsync("g1", new DateOnly(2025, 3, 1), "777", null);
        await store.Guilds.AddReportAsync("g1", "ann", "q2", "ambiguous", From.AddDays(4));
        await store.Guilds.ResolveReportAsync("g1", await store.Guilds.AddReportAsync("g1", "u1", "q4", "typo", From.AddDays(5)));
        var game = new TriviaGameRecord(
            "game-1", "g1", 10, "deck", null, "Deck", 7, 20, 2, "ann", "Ann", From.AddDays(6), "token-game-1",
            From.AddDays(6) + TriviaRules.TokenLifetime, 0, null, null, null, false, "instance-a", From.AddDays(6).AddSeconds(15));
        TriviaRoundRecord[] rounds =
        [
            new(0, "q0", [2, 0, 1], From.AddDays(6), From.AddDays(6).AddSeconds(20), null, null, null),
            new(1, "q1", [0, 1, 2], null, null, null, null, null),
        ];
        Assert.True((await store.Trivia.StartAsync(game, rounds)).Started);
        var pressAt = From.AddDays(6).AddSeconds(3);
        var press = new TriviaPressRecord(0, Ann, "Ann", 0, true, 10, pressAt);
        var pressAnswer = new AnswerRecord(Ann, "Ann", TriviaService.SessionIdOf("game-1", Ann), 0, "q0", "f0", ["csto"], true, 10, QuizMode.Trivia, pressAt);
        Assert.Equal(TriviaPressStatus.Stored, (await store.Trivia.PressAsync("game-1", press, pressAnswer)).Status);

        // A receipt of an interaction id: it matters only to a running bot and is not copied.
        Assert.True(await store.Receipts.TryRecordAsync(99, Now, Now.AddMinutes(15)));
        await using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        return await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM answers;");
    }
}
