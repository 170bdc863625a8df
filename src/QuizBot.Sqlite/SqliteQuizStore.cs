using Dapper;
using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Sqlite;

/// <summary>
/// Quiz sessions and answers in SQLite. Every write is atomic in a short <c>BEGIN IMMEDIATE</c> transaction; answers
/// that arrive together may share one, each in its own savepoint, and none is reported before its commit.
/// </summary>
public sealed class SqliteQuizStore : IQuizStore
{
    private const string OpenPersonalWhere = """
         WHERE scope = @Scope AND user_id = @UserId AND finished_at IS NULL AND mode IN ('Quiz', 'Review')
         ORDER BY started_at DESC, rowid DESC
        """;

    private static readonly SqlStatement InsertStep = new(
        """
        INSERT INTO quiz_steps (session_id, question_index, scope, user_id, question_id, kind, match, given, points, streak_after, at)
        VALUES ($session, $index, $scope, $user, $question, $kind, $match, $given, $points, $streak, $at);
        """,
        "$session", "$index", "$scope", "$user", "$question", "$kind", "$match", "$given", "$points", "$streak", "$at");

    private static readonly SqlStatement RevealedSinceQuery = new(
        "SELECT EXISTS (SELECT 1 FROM quiz_steps WHERE user_id = $user AND kind = 1 AND at >= $since AND question_id = $question AND session_id <> $session);",
        "$user", "$since", "$question", "$session");

    // The reads a quiz makes, compiled once per kept reader connection (SqliteReaders).
    private static readonly SqlStatement SessionById = new(QuizSessionRows.SelectColumns + " WHERE id = $id;", "$id");

    private static readonly SqlStatement OpenPersonal = new(
        QuizSessionRows.SelectColumns + OpenPersonalWhere + " LIMIT 1;", "@Scope", "@UserId");

    private static readonly SqlStatement SeenCounts = new(
        "SELECT question_id, COUNT(*) FROM answers WHERE scope = $scope AND user_id = $user GROUP BY question_id;", "$scope", "$user");

    private static readonly SqlStatement RevealedQuestions = new(
        "SELECT question_id FROM quiz_steps WHERE user_id = $user AND at >= $since AND kind = 1;", "$user", "$since");

    private static readonly SqlStatement OpenQuestionIds = new(
        "SELECT question_ids FROM quiz_sessions WHERE user_id = $user AND finished_at IS NULL AND mode IN ('Quiz', 'Review');", "$user");

    private readonly SqliteDatabase database;

    // What this instance last wrote or read of each open personal quiz: a press is decided without a read.
    private readonly QuizSessionCache sessions = new();

    // Answers queued while one is being written share its next transaction, each in a savepoint of its own.
    private readonly GroupCommit transitions;

    internal SqliteQuizStore(SqliteDatabase database)
    {
        this.database = database;
        transitions = new GroupCommit(database, nameof(ApplyAsync));
    }

    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        if (read.FirstRow(SessionById, QuizSessionRows.Read, sessionId) is not { } row)
        {
            return Task.FromResult<QuizSession?>(null);
        }

        var session = QuizSessionRows.ToSession(row);
        sessions.Remember(session);
        return Task.FromResult<QuizSession?>(session);
    }

    public async Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        return sessions.Find(sessionId) ?? await GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    public Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        var row = read.FirstRow(OpenPersonal, QuizSessionRows.Read, player.Scope, player.UserId);
        return Task.FromResult(row is null ? null : QuizSessionRows.ToSession(row));
    }

    public async Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default)
    {
        StoreInput.Session(session);
        if (!session.IsPersonal || session.IsFinished)
        {
            throw new ArgumentException("Only an unfinished Quiz or Review session is opened this way.", nameof(session));
        }

        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var open = await connection.QueryFirstOrDefaultAsync<QuizSessionRows.SessionRow>(new CommandDefinition(
            QuizSessionRows.SelectColumns + OpenPersonalWhere + " LIMIT 1;",
            new { session.Player.Scope, session.Player.UserId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (open is not null)
        {
            return new QuizOpenResult.AlreadyOpen(QuizSessionRows.ToSession(open));
        }

        if (QuizSessionRows.Insert(connection, transaction, session) == 0)
        {
            throw new InvalidOperationException($"A quiz session with id {session.Id} already exists.");
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        sessions.Remember(session);
        return new QuizOpenResult.Opened();
    }

    /// <summary>
    /// Applies the transition atomically. Answers arriving while another is being written are committed together,
    /// each in its own savepoint (<see cref="GroupCommit"/>): the result is only returned once its commit is done.
    /// </summary>
    public async Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        StoreInput.Transition(transition);
        // Only once committed: a failed commit throws, and nothing of it is remembered.
        var result = await transitions.RunAsync(write => Apply(write, transition), cancellationToken).ConfigureAwait(false);

        sessions.Remember(transition, result);
        return result;
    }

    /// <summary>Writes one transition inside the caller's savepoint: nothing when it is refused, all of it when it applies.</summary>
    private static QuizTransitionResult Apply(SqliteWrite write, QuizTransition transition)
    {
        var (connection, transaction) = (write.Connection, write.Transaction);
        if (RevealedSince(write, transition))
        {
            return QuizTransitionResult.RevealedEarlier;
        }

        var (before, after) = (transition.Before, transition.After);
        var written = QuizSessionRows.CompareAndSet(write, before, after);
        if (written == 0 && before.Version == 0 && before.Position == 0)
        {
            // A session's first transition may create it (a one-question daily session); the id is the guard.
            written = QuizSessionRows.Insert(connection, transaction, after);
        }

        if (written == 0)
        {
            var stored = connection.QuerySingleOrDefault<QuizSessionRows.SessionRow>(new CommandDefinition(
                QuizSessionRows.SelectColumns + " WHERE id = @Id;", new { before.Id }, transaction));
            return stored is null ? QuizTransitionResult.Missing : new QuizTransitionResult.Conflict(QuizSessionRows.ToSession(stored));
        }

        foreach (var step in transition.Steps)
        {
            var insertStep = write.Command(InsertStep);
            PreparedCommands.Run(
                insertStep, step.SessionId, step.QuestionIndex, after.Player.Scope, after.Player.UserId, step.QuestionId,
                (int)step.Kind, (int)step.Match, step.Given, step.Points, step.StreakAfter, StoredTime.ToStored(step.At));
        }

        if (transition.Answer is { } answer)
        {
            using var writer = new AnswerWriter(write.Commands, transaction);
            if (!writer.Write(answer))
            {
                // The version guard makes this unreachable; refuse rather than half-apply if it ever is not (the savepoint undoes the rest).
                throw new InvalidOperationException($"Question {answer.QuestionIndex} of session {answer.SessionId} already has an answer.");
            }
        }

        return QuizTransitionResult.Applied;
    }

    /// <summary>Whether the transition's <see cref="QuizTransition.NotRevealedSince"/> is broken: a skip showed its answer's question to the user since then.</summary>
    private static bool RevealedSince(SqliteWrite write, QuizTransition transition)
    {
        if (transition is not { NotRevealedSince: { } since, Answer: { } answer })
        {
            return false;
        }

        // Asked on every personal answer: compiled once on the writer connection, like the writes after it.
        var exists = write.Command(RevealedSinceQuery);
        exists.Parameters[0].Value = answer.Player.UserId;
        exists.Parameters[1].Value = StoredTime.ToStored(since);
        exists.Parameters[2].Value = answer.QuestionId;
        exists.Parameters[3].Value = answer.SessionId;
        return exists.ExecuteScalar() is long found && found != 0;
    }

    public async Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(sessionId, nameof(sessionId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<StepRow>(new CommandDefinition(
            """
            SELECT session_id AS SessionId, question_index AS QuestionIndex, question_id AS QuestionId, kind AS Kind, match AS Match,
                   given AS Given, points AS Points, streak_after AS StreakAfter, at AS At
            FROM quiz_steps WHERE session_id = @sessionId AND question_index = @questionIndex;
            """,
            new { sessionId, questionIndex },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new QuizStepRecord(
                row.SessionId, (int)row.QuestionIndex, row.QuestionId, (QuizStepKind)row.Kind, (Core.Judging.AnswerMatch)row.Match,
                row.Given, (int)row.Points, (int)row.StreakAfter, StoredTime.FromStored(row.At));
    }

    public Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(userId, nameof(userId));
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        var held = new HashSet<string>(read.Rows(RevealedQuestions, static r => r.GetString(0), userId, StoredTime.ToStored(since)), StringComparer.Ordinal);
        foreach (var ids in read.Rows(OpenQuestionIds, static r => r.GetString(0), userId))
        {
            held.UnionWith(System.Text.Json.JsonSerializer.Deserialize<string[]>(ids) ?? []);
        }

        return Task.FromResult<IReadOnlySet<string>>(held);
    }

    public Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        cancellationToken.ThrowIfCancellationRequested();
        using var read = database.Read();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (questionId, count) in read.Rows(SeenCounts, static r => (r.GetString(0), r.GetInt32(1)), player.Scope, player.UserId))
        {
            counts.Add(questionId, count);
        }

        return Task.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }

    public async Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The latest answer per question decides; equal times fall back to the order they were stored.
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT question_id FROM (
                SELECT question_id, correct, answered_at, id,
                       ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY answered_at DESC, id DESC) AS recency
                FROM answers
                WHERE scope = @Scope AND user_id = @UserId)
            WHERE recency = 1 AND correct = 0
            ORDER BY answered_at DESC, id DESC;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    private sealed record StepRow(string SessionId, long QuestionIndex, string QuestionId, long Kind, long Match, string? Given, long Points, long StreakAfter, long At);
}
