using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Sqlite.Tests;

/// <summary>
/// Answers queued while the file's write gate is taken are written at the next turn in one transaction, each in its
/// own savepoint: each caller gets its own outcome, a write that throws is undone alone, and nobody hears back before
/// the commit. The gate is held by a write on the same database, and the commit by a SQLite commit hook: no sleeps.
/// </summary>
public sealed class AnswerGroupCommitTests : IDisposable
{
    private readonly TestDatabase db = new();
    private readonly SqliteDatabase database;
    private readonly SqliteQuizStore quizzes;
    private readonly WriteMetricsRecorder metrics;

    public AnswerGroupCommitTests()
    {
        _ = db.Store; // creates and migrates the file
        database = new SqliteDatabase(new SqliteStoreOptions { Path = db.FilePath });
        quizzes = new SqliteQuizStore(database);
        metrics = new WriteMetricsRecorder(db.FilePath);
    }

    public void Dispose()
    {
        metrics.Dispose();
        database.ReleasePooledConnections();
        db.Dispose();
    }

    [Fact]
    public async Task Answers_queued_together_commit_once_and_a_stale_one_among_them_is_refused_alone()
    {
        var sessions = await OpenAsync(3);
        var transitions = new[]
        {
            Answer(sessions[0], correct: true),
            Answer(sessions[1] with { Version = 3 }, correct: true),
            Answer(sessions[2], correct: false),
        };

        var results = await WhileGateHeldAsync(() => transitions.Select(t => quizzes.ApplyAsync(t)).ToList());

        Assert.Equal(QuizTransitionResult.Applied, await results[0]);
        Assert.Equal(0, Assert.IsType<QuizTransitionResult.Conflict>(await results[1]).Stored.Version);
        Assert.Equal(QuizTransitionResult.Applied, await results[2]);
        Assert.Equal(new[] { 3 }, metrics.Batches(nameof(SqliteQuizStore.ApplyAsync)));
        Assert.Equal(1, metrics.Commits(nameof(SqliteQuizStore.ApplyAsync)));
        Assert.Equal(new long[] { 1, 0, 1 }, await VersionsAsync(sessions));
        Assert.Equal(new long[] { 1, 0, 1 }, await AnswerCountsAsync(sessions));
    }

    [Fact]
    public async Task A_press_delivered_twice_in_one_batch_scores_once()
    {
        var sessions = await OpenAsync(1);
        var press = Answer(sessions[0], correct: true);

        var results = await WhileGateHeldAsync<QuizTransitionResult>(() => [quizzes.ApplyAsync(press), quizzes.ApplyAsync(press)]);

        Assert.Equal(QuizTransitionResult.Applied, await results[0]);
        Assert.Equal(1, Assert.IsType<QuizTransitionResult.Conflict>(await results[1]).Stored.Version);
        Assert.Equal(new[] { 2 }, metrics.Batches(nameof(SqliteQuizStore.ApplyAsync)));
        Assert.Equal(new long[] { 1 }, await AnswerCountsAsync(sessions));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(10, await connection.ExecuteScalarAsync<long>("SELECT points FROM player_totals WHERE user_id = 'member-0';"));
    }

    [Fact]
    public async Task A_write_that_throws_is_rolled_back_to_its_savepoint_and_the_others_in_its_batch_commit()
    {
        var sessions = await OpenAsync(2);

        // An answer row for member 0's first question that the session does not know about: its transition moves the
        // session on, then finds the answer taken and throws, after writing the session and its step.
        await using (var raw = db.OpenRaw())
        {
            await raw.ExecuteAsync(
                """
                INSERT INTO users (scope, user_id, display_name, updated_at) VALUES ('guild-1', 'member-0', 'Member 0', 0);
                INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
                VALUES ('guild-1', 'member-0', 's0', 0, 'q1', 'f-q1', '[]', 0, 0, 'Quiz', 0);
                """);
        }

        var results = await WhileGateHeldAsync<QuizTransitionResult>(() => [quizzes.ApplyAsync(Answer(sessions[0], correct: true)), quizzes.ApplyAsync(Answer(sessions[1], correct: true))]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => results[0]);
        Assert.Equal(QuizTransitionResult.Applied, await results[1]);
        Assert.Equal(new[] { 2 }, metrics.Batches(nameof(SqliteQuizStore.ApplyAsync)));
        Assert.Equal(new long[] { 0, 1 }, await VersionsAsync(sessions));
        Assert.Null(await quizzes.GetStepAsync("s0", 0));
        Assert.NotNull(await quizzes.GetStepAsync("s1", 0));
    }

    [Fact]
    public async Task No_caller_hears_back_before_the_commit_that_holds_its_answer()
    {
        var sessions = await OpenAsync(2);
        var commits = Channel.CreateUnbounded<int>();
        using var allowCommit = new SemaphoreSlim(0);
        Task<QuizTransitionResult> first = null!;
        await using (var held = await database.BeginWriteAsync(CancellationToken.None))
        {
            HookCommits(held.Connection, () =>
            {
                commits.Writer.TryWrite(0);
                allowCommit.Wait();
                return 0;
            });
            first = quizzes.ApplyAsync(Answer(sessions[0], correct: true));
        }

        // The first answer's transaction is committing, held inside SQLite's COMMIT: its caller has no answer yet,
        // and an answer arriving now waits for the next turn.
        await commits.Reader.ReadAsync(TestContext.Current.CancellationToken);
        var second = quizzes.ApplyAsync(Answer(sessions[1], correct: true));
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Equal(new long[] { 0, 0 }, await VersionsAsync(sessions));

        allowCommit.Release();
        Assert.Equal(QuizTransitionResult.Applied, await first);
        Assert.Equal(new long[] { 1, 0 }, await VersionsAsync(sessions));
        await commits.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        allowCommit.Release();
        Assert.Equal(QuizTransitionResult.Applied, await second);
        Assert.Equal(new long[] { 1, 1 }, await VersionsAsync(sessions));
        Assert.Equal(new[] { 1, 1 }, metrics.Batches(nameof(SqliteQuizStore.ApplyAsync)));
    }

    [Fact]
    public async Task A_failed_commit_fails_every_answer_of_its_batch_and_stores_none_of_them()
    {
        var sessions = await OpenAsync(2);
        var transitions = sessions.Select(s => Answer(s, correct: true)).ToArray();
        List<Task<QuizTransitionResult>> results;
        var failCommits = true;
        await using (var held = await database.BeginWriteAsync(CancellationToken.None))
        {
            // A commit hook that answers non-zero turns the COMMIT into a rollback.
            HookCommits(held.Connection, () => Volatile.Read(ref failCommits) ? 1 : 0);
            results = [.. transitions.Select(t => quizzes.ApplyAsync(t))];
        }

        foreach (var result in results)
        {
            var error = await Assert.ThrowsAsync<SqliteException>(() => result);
            Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT_COMMITHOOK, error.SqliteExtendedErrorCode);
        }

        Assert.Equal(new long[] { 0, 0 }, await VersionsAsync(sessions));
        Assert.Equal(new long[] { 0, 0 }, await AnswerCountsAsync(sessions));
        Assert.Equal(0, metrics.Commits(nameof(SqliteQuizStore.ApplyAsync)));

        // The writer goes on with the next answers.
        Volatile.Write(ref failCommits, false);
        Assert.Equal(QuizTransitionResult.Applied, await quizzes.ApplyAsync(transitions[0]));
        Assert.Equal(new long[] { 1, 0 }, await AnswerCountsAsync(sessions));
    }

    [Fact]
    public async Task A_caller_that_cancels_while_queued_is_left_out_and_the_others_are_written()
    {
        var sessions = await OpenAsync(2);
        using var cancel = new CancellationTokenSource();
        var results = await WhileGateHeldAsync<QuizTransitionResult>(async () =>
        {
            var queued = new[] { quizzes.ApplyAsync(Answer(sessions[0], correct: true), cancel.Token), quizzes.ApplyAsync(Answer(sessions[1], correct: true)) };
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued[0]);
            return queued;
        });

        Assert.Equal(QuizTransitionResult.Applied, await results[1]);
        Assert.Equal(new long[] { 0, 1 }, await VersionsAsync(sessions));
        Assert.Equal(new[] { 1 }, metrics.Batches(nameof(SqliteQuizStore.ApplyAsync)));
    }

    [Fact]
    public async Task A_write_that_leaves_a_deferred_foreign_key_broken_is_rolled_back_alone()
    {
        // answers.(scope, user_id) references users, checked only at COMMIT: a write that skips the user must not sink the batch.
        var writes = new GroupCommit(database, "test");
        int Insert(SqliteWrite write, string user, bool withUser)
        {
            if (withUser)
            {
                write.Connection.Execute(
                    "INSERT INTO users (scope, user_id, display_name, updated_at) VALUES ('g', @user, 'x', 0);", new { user }, write.Transaction);
            }

            return write.Connection.Execute(
                """
                INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
                VALUES ('g', @user, @user, 0, 'q', 'f', '[]', 1, 10, 'Quiz', 0);
                """,
                new { user },
                write.Transaction);
        }

        var results = await WhileGateHeldAsync<int>(() =>
            [writes.RunAsync(w => Insert(w, "a", withUser: true), CancellationToken.None), writes.RunAsync(w => Insert(w, "b", withUser: false), CancellationToken.None), writes.RunAsync(w => Insert(w, "c", withUser: true), CancellationToken.None)]);

        Assert.Equal(1, await results[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => results[1]);
        Assert.Equal(1, await results[2]);
        Assert.Equal(new[] { 3 }, metrics.Batches("test"));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(["a", "c"], await connection.QueryAsync<string>("SELECT user_id FROM answers ORDER BY user_id;"));
    }

    /// <summary>Opens a three-question quiz for each of <paramref name="count"/> members, s0 for member-0 and so on.</summary>
    private async Task<QuizSession[]> OpenAsync(int count)
    {
        var sessions = Enumerable.Range(0, count).Select(i => Session($"s{i}", new PlayerKey("guild-1", $"member-{i}"))).ToArray();
        foreach (var session in sessions)
        {
            Assert.IsType<QuizOpenResult.Opened>(await quizzes.OpenAsync(session));
        }

        return sessions;
    }

    /// <summary>Starts the calls while this database's write gate is held, checks none has finished, then lets the writer go.</summary>
    private async Task<IReadOnlyList<Task<T>>> WhileGateHeldAsync<T>(Func<IReadOnlyList<Task<T>>> calls) =>
        await WhileGateHeldAsync(() => Task.FromResult(calls()));

    private async Task<IReadOnlyList<Task<T>>> WhileGateHeldAsync<T>(Func<Task<IReadOnlyList<Task<T>>>> calls)
    {
        IReadOnlyList<Task<T>> started;
        await using (await database.BeginWriteAsync(CancellationToken.None))
        {
            started = await calls();
            Assert.All(started.Where(t => !t.IsCanceled), t => Assert.False(t.IsCompleted));
        }

        return started;
    }

    private Task<long[]> VersionsAsync(IEnumerable<QuizSession> sessions) => PerSessionAsync(sessions, "SELECT version FROM quiz_sessions WHERE id = @Id;");

    private Task<long[]> AnswerCountsAsync(IEnumerable<QuizSession> sessions) => PerSessionAsync(sessions, "SELECT count(*) FROM answers WHERE session_id = @Id;");

    /// <summary>One number per session, read as committed (a reader connection of the pool).</summary>
    private async Task<long[]> PerSessionAsync(IEnumerable<QuizSession> sessions, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var values = new List<long>();
        foreach (var session in sessions)
        {
            values.Add(await connection.ExecuteScalarAsync<long>(sql, new { session.Id }));
        }

        return [.. values];
    }

    /// <summary>Calls <paramref name="onCommit"/> inside every COMMIT on the writer connection; non-zero turns it into a rollback.</summary>
    private static void HookCommits(SqliteConnection writer, Func<int> onCommit) =>
        SQLitePCL.raw.sqlite3_commit_hook(writer.Handle, _ => onCommit(), null);
}
