using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Trivia;

namespace QuizBot.Sqlite;

/// <summary>
/// Live trivia games in SQL both stores speak, compiled into the SQLite and the PostgreSQL store: the reads, the rows
/// and their mapping, a start's and a press's statements, and every lease-guarded step (<see cref="TriviaGameWrites"/>).
/// Each store supplies its connections and write transactions (and how a press's answer is written with it). Every
/// write is one short transaction whose statements name the state they expect (running, this round, not yet closed,
/// before the deadline, this lease holder); when they match nothing it changes nothing and the caller gets the game as it is.
/// </summary>
internal abstract class SqlTriviaStore : ITriviaStore
{
    private const string GameColumns = """
        SELECT id AS Id, scope AS Scope, channel_id AS ChannelId, deck_id AS DeckId, topic AS Topic, title AS Title,
               seed AS Seed, seconds AS Seconds, round_count AS RoundCount, starter_user_id AS StarterUserId,
               starter_name AS StarterName, started_at AS StartedAt, interaction_token AS InteractionToken,
               token_expires_at AS TokenExpiresAt, current_round AS CurrentRound, end_reason AS EndReason,
               stopped_by AS StoppedBy, ended_at AS EndedAt, standings_posted AS StandingsPosted,
               lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, lease_epoch AS LeaseEpoch,
               standings_claim AS StandingsClaim
        FROM trivia_games
        """;

    private const string RoundColumns = """
        SELECT game_id AS GameId, round_index AS RoundIndex, question_id AS QuestionId, choice_order AS ChoiceOrder,
               opened_at AS OpenedAt, deadline AS Deadline, message_id AS MessageId, closed_at AS ClosedAt,
               reveal_posted_at AS RevealPostedAt, question_claim AS QuestionClaim, reveal_claim AS RevealClaim
        FROM trivia_rounds
        """;

    private const string PressColumns = """
        SELECT game_id AS GameId, round_index AS RoundIndex, user_id AS UserId, scope AS Scope, display_name AS DisplayName,
               choice AS Choice, correct AS Correct, points AS Points, pressed_at AS PressedAt
        FROM trivia_presses
        """;

    public abstract Task<TriviaStartWrite> StartAsync(TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds, CancellationToken cancellationToken = default);

    public abstract Task<TriviaPressWrite> PressAsync(string gameId, TriviaPressRecord press, AnswerRecord answer, CancellationToken cancellationToken = default);

    public abstract Task<TriviaLease?> TryAcquireLeaseAsync(string gameId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    public async Task<TriviaGameState?> GetAsync(string gameId, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(gameId, nameof(gameId));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null, gameId, withPresses: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TriviaGameState?> GetRunningInChannelAsync(ulong channelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT id FROM trivia_games WHERE channel_id = @channel AND end_reason IS NULL;",
            new { channel = Text(channelId) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id is null ? null : await LoadAsync(connection, null, id, withPresses: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TriviaGameState>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var games = (await connection.QueryAsync<GameRow>(new CommandDefinition(
            GameColumns + " WHERE end_reason IS NULL OR interaction_token IS NOT NULL ORDER BY started_at, id;",
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var rounds = (await connection.QueryAsync<RoundRow>(new CommandDefinition(
            RoundColumns + """
             WHERE game_id IN (SELECT id FROM trivia_games WHERE end_reason IS NULL OR interaction_token IS NOT NULL)
             ORDER BY game_id, round_index;
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToLookup(r => r.GameId);
        return games.Select(g => new TriviaGameState(ToGame(g), rounds[g.Id].Select(ToRound).ToList(), [])).ToList();
    }


    public Task<TriviaWrite> StopAsync(string gameId, string stoppedBy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreInput.Text(stoppedBy, nameof(stoppedBy));
        return StepAsync(gameId, lease: null, now, cancellationToken, async (connection, transaction, p) =>
        {
            var stopped = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE trivia_games SET end_reason = 'Stopped', stopped_by = @by, ended_at = @now, standings_posted = 1
                WHERE id = @game AND end_reason IS NULL;
                """,
                new { p.game, p.now, by = stoppedBy },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (stopped > 0)
            {
                await TriviaGameWrites.CloseCurrentRoundAsync(connection, transaction, p, cancellationToken).ConfigureAwait(false);
            }

            return stopped > 0;
        });
    }


    public async Task ReleaseLeaseAsync(string gameId, string owner, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(gameId, nameof(gameId));
        StoreInput.Id(owner, nameof(owner));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE trivia_games SET lease_owner = NULL, lease_expires_at = 0 WHERE id = @game AND lease_owner = @owner;",
            new { game = gameId, owner },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }


    public Task<TriviaWrite> CloseRoundAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.CloseRoundAsync(connection, transaction, p, round, cancellationToken));

    public Task<TriviaWrite> OpenRoundAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, DateTimeOffset deadline, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.OpenRoundAsync(connection, transaction, p, round, StoredTime.ToStored(deadline), cancellationToken));

    public Task<TriviaWrite> MarkQuestionPostedAsync(string gameId, TriviaLease lease, int round, ulong messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.MarkQuestionPostedAsync(connection, transaction, p, round, messageId, cancellationToken));

    public Task<TriviaWrite> MarkRevealPostedAsync(string gameId, TriviaLease lease, int round, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.MarkRevealPostedAsync(connection, transaction, p, round, cancellationToken));

    public async Task<TriviaClaim> ClaimPostAsync(string gameId, TriviaLease lease, TriviaPost post, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(post);
        var claim = TriviaClaim.LeaseLost;
        await StepAsync(gameId, lease, now, cancellationToken, async (connection, transaction, p) =>
        {
            claim = await TriviaGameWrites.ClaimPostAsync(connection, transaction, p, post, cancellationToken).ConfigureAwait(false);
            return claim == TriviaClaim.Claimed;
        }).ConfigureAwait(false);
        return claim;
    }

    public Task<TriviaWrite> EndAsync(string gameId, TriviaLease lease, TriviaEndReason reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.EndAsync(connection, transaction, p, reason, cancellationToken));

    public Task<TriviaWrite> FinishAsync(string gameId, TriviaLease lease, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StepAsync(gameId, lease, now, cancellationToken, (connection, transaction, p) => TriviaGameWrites.FinishAsync(connection, transaction, p, cancellationToken));


    private Task<TriviaWrite> StepAsync(
        string gameId,
        TriviaLease? lease,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        Func<DbConnection, DbTransaction, TriviaGameWrites.Parameters, Task<bool>> write)
    {
        StoreInput.Id(gameId, nameof(gameId));
        if (lease is not null)
        {
            StoreInput.Id(lease.Owner, "lease.Owner");
        }

        return WriteAsync(new TriviaGameWrites.Parameters(gameId, lease, StoredTime.ToStored(now)), write, cancellationToken);
    }

    /// <summary>A connection for reading (and for the lease release, a single statement).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one compare-and-set in a write transaction in which the game is the writer's alone, and returns whether it
    /// applied, with the game as it is after (<see cref="LoadAsync"/> in the same transaction).
    /// </summary>
    protected abstract Task<TriviaWrite> WriteAsync(TriviaGameWrites.Parameters parameters, Func<DbConnection, DbTransaction, TriviaGameWrites.Parameters, Task<bool>> write, CancellationToken cancellationToken);

    protected static void CheckStart(TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(rounds);
        StoreInput.Id(game.Id, "game.Id");
        StoreInput.Id(game.Scope, "game.Scope");
        StoreInput.Text(game.Title, "game.Title");
        StoreInput.Text(game.StarterName, "game.StarterName");
        if (rounds.Count != game.RoundCount || rounds.Select((r, i) => r.Index == i).Any(ok => !ok))
        {
            throw new ArgumentException("The rounds must be numbered 0 to RoundCount - 1, in order.", nameof(rounds));
        }
    }

    /// <summary>Inserts the game and its rounds unless the channel already has a game running (then names that game).</summary>
    protected static async Task<TriviaStartWrite> InsertGameAsync(DbConnection connection, DbTransaction transaction, TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO trivia_games (id, scope, channel_id, deck_id, topic, title, seed, seconds, round_count, starter_user_id,
                                      starter_name, started_at, interaction_token, token_expires_at, current_round,
                                      lease_owner, lease_expires_at, lease_epoch)
            VALUES (@Id, @Scope, @ChannelId, @DeckId, @Topic, @Title, @Seed, @Seconds, @RoundCount, @StarterUserId,
                    @StarterName, @StartedAt, @InteractionToken, @TokenExpiresAt, @CurrentRound, @LeaseOwner, @LeaseExpiresAt, @LeaseEpoch)
            ON CONFLICT DO NOTHING;
            """,
            new
            {
                game.Id,
                game.Scope,
                ChannelId = Text(game.ChannelId),
                game.DeckId,
                game.Topic,
                game.Title,
                game.Seed,
                game.Seconds,
                game.RoundCount,
                game.StarterUserId,
                game.StarterName,
                StartedAt = StoredTime.ToStored(game.StartedAt),
                game.InteractionToken,
                TokenExpiresAt = StoredTime.ToStored(game.TokenExpiresAt),
                game.CurrentRound,
                game.LeaseOwner,
                LeaseExpiresAt = StoredTime.ToStored(game.LeaseExpiresAt),
                game.LeaseEpoch,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            var running = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT id FROM trivia_games WHERE channel_id = @channel AND end_reason IS NULL;",
                new { channel = Text(game.ChannelId) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new TriviaStartWrite(false, running);
        }

        foreach (var round in rounds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO trivia_rounds (game_id, round_index, question_id, choice_order, opened_at, deadline)
                VALUES (@game, @Index, @QuestionId, @ChoiceOrder, @OpenedAt, @Deadline);
                """,
                new
                {
                    game = game.Id,
                    round.Index,
                    round.QuestionId,
                    ChoiceOrder = JsonSerializer.Serialize(round.ChoiceOrder),
                    OpenedAt = Stored(round.OpenedAt),
                    Deadline = Stored(round.Deadline),
                },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return new TriviaStartWrite(true, null);
    }

    protected static void CheckPress(string gameId, TriviaPressRecord press, AnswerRecord answer)
    {
        StoreInput.Id(gameId, nameof(gameId));
        ArgumentNullException.ThrowIfNull(press);
        StoreInput.Player(press.Player, "press.Player");
        StoreInput.Text(press.DisplayName, "press.DisplayName");
        StoreInput.Answer(answer);
    }

    /// <summary>
    /// Inserts the press if its round is open and it is the member's first, and returns null; otherwise nothing is
    /// written and the answer says why: pressed already (with that press), the round closed, or the game over.
    /// </summary>
    protected static async Task<TriviaPressWrite?> InsertPressAsync(DbConnection connection, DbTransaction transaction, string gameId, TriviaPressRecord press, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            game = gameId,
            round = press.RoundIndex,
            user = press.Player.UserId,
            scope = press.Player.Scope,
            name = press.DisplayName,
            choice = press.Choice,
            correct = press.Correct ? 1 : 0,
            points = press.Points,
            at = StoredTime.ToStored(press.PressedAt),
        };
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO trivia_presses (game_id, round_index, user_id, scope, display_name, choice, correct, points, pressed_at)
            SELECT @game, @round, @user, @scope, @name, @choice, @correct, @points, @at
            WHERE EXISTS (
                SELECT 1 FROM trivia_games g JOIN trivia_rounds r ON r.game_id = g.id AND r.round_index = g.current_round
                WHERE g.id = @game AND g.scope = @scope AND g.end_reason IS NULL AND g.current_round = @round
                  AND r.closed_at IS NULL AND r.deadline > @at)
            ON CONFLICT (game_id, round_index, user_id) DO NOTHING;
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            var earlier = await connection.QuerySingleOrDefaultAsync<PressRow>(new CommandDefinition(
                PressColumns + " WHERE game_id = @game AND round_index = @round AND user_id = @user;",
                parameters,
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (earlier is not null)
            {
                return new TriviaPressWrite(TriviaPressStatus.AlreadyPressed, ToPress(earlier));
            }

            var running = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM trivia_games WHERE id = @game AND scope = @scope AND end_reason IS NULL;",
                parameters,
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new TriviaPressWrite(running > 0 ? TriviaPressStatus.Closed : TriviaPressStatus.GameOver);
        }

        return null;
    }

    protected static async Task<TriviaGameState?> LoadAsync(DbConnection connection, DbTransaction? transaction, string gameId, bool withPresses, CancellationToken cancellationToken)
    {
        var game = await connection.QuerySingleOrDefaultAsync<GameRow>(new CommandDefinition(
            GameColumns + " WHERE id = @gameId;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (game is null)
        {
            return null;
        }

        var rounds = await connection.QueryAsync<RoundRow>(new CommandDefinition(
            RoundColumns + " WHERE game_id = @gameId ORDER BY round_index;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        IReadOnlyList<TriviaPressRecord> presses = [];
        if (withPresses)
        {
            var rows = await connection.QueryAsync<PressRow>(new CommandDefinition(
                PressColumns + " WHERE game_id = @gameId ORDER BY round_index, pressed_at, user_id;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            presses = rows.Select(ToPress).ToList();
        }

        return new TriviaGameState(ToGame(game), rounds.Select(ToRound).ToList(), presses);
    }

    /// <summary>The player's trivia session after this press, from their stored presses, so the leaderboard's session rows stay whole.</summary>
    protected static async Task<QuizSession> SessionAfterAsync(DbConnection connection, DbTransaction transaction, string gameId, TriviaPressRecord press, CancellationToken cancellationToken)
    {
        var game = await connection.QuerySingleAsync<GameRow>(new CommandDefinition(
            GameColumns + " WHERE id = @gameId;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var questionIds = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT question_id FROM trivia_rounds WHERE game_id = @gameId ORDER BY round_index;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var mine = (await connection.QueryAsync<PressRow>(new CommandDefinition(
            PressColumns + " WHERE game_id = @gameId AND user_id = @user ORDER BY round_index;",
            new { gameId, user = press.Player.UserId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        int streak = 0, best = 0;
        foreach (var row in mine)
        {
            streak = row.Correct != 0 ? streak + 1 : 0;
            best = Math.Max(best, streak);
        }

        var isLast = press.RoundIndex == game.RoundCount - 1;
        return new QuizSession(
            TriviaService.SessionIdOf(gameId, press.Player),
            press.Player,
            game.DeckId,
            QuizMode.Trivia,
            game.Topic,
            questionIds,
            press.RoundIndex + 1,
            mine.Count,
            mine.Count(r => r.Correct != 0),
            (int)mine.Sum(r => r.Points),
            streak,
            best,
            (int)game.Seed,
            StoredTime.FromStored(game.StartedAt),
            isLast ? press.PressedAt : null);
    }

    private static string Text(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static long? Stored(DateTimeOffset? time) => time is { } t ? StoredTime.ToStored(t) : null;

    private static TriviaGameRecord ToGame(GameRow row) => new(
        row.Id,
        row.Scope,
        ulong.Parse(row.ChannelId, CultureInfo.InvariantCulture),
        row.DeckId,
        row.Topic,
        row.Title,
        (int)row.Seed,
        (int)row.Seconds,
        (int)row.RoundCount,
        row.StarterUserId,
        row.StarterName,
        StoredTime.FromStored(row.StartedAt),
        row.InteractionToken,
        StoredTime.FromStored(row.TokenExpiresAt),
        (int)row.CurrentRound,
        row.EndReason is null ? null : Enum.Parse<TriviaEndReason>(row.EndReason),
        row.StoppedBy,
        StoredTime.FromStored(row.EndedAt),
        row.StandingsPosted != 0,
        row.LeaseOwner,
        StoredTime.FromStored(row.LeaseExpiresAt),
        row.LeaseEpoch,
        row.StandingsClaim);

    private static TriviaRoundRecord ToRound(RoundRow row) => new(
        (int)row.RoundIndex,
        row.QuestionId,
        JsonSerializer.Deserialize<int[]>(row.ChoiceOrder) ?? [],
        StoredTime.FromStored(row.OpenedAt),
        StoredTime.FromStored(row.Deadline),
        row.MessageId is null ? null : ulong.Parse(row.MessageId, CultureInfo.InvariantCulture),
        StoredTime.FromStored(row.ClosedAt),
        StoredTime.FromStored(row.RevealPostedAt),
        row.QuestionClaim,
        row.RevealClaim);

    private static TriviaPressRecord ToPress(PressRow row) => new(
        (int)row.RoundIndex,
        new PlayerKey(row.Scope, row.UserId),
        row.DisplayName,
        (int)row.Choice,
        row.Correct != 0,
        (int)row.Points,
        StoredTime.FromStored(row.PressedAt));


    private sealed record GameRow(
        string Id, string Scope, string ChannelId, string DeckId, string? Topic, string Title, long Seed, long Seconds, long RoundCount,
        string StarterUserId, string StarterName, long StartedAt, string? InteractionToken, long TokenExpiresAt, long CurrentRound,
        string? EndReason, string? StoppedBy, long? EndedAt, long StandingsPosted, string? LeaseOwner, long LeaseExpiresAt, long LeaseEpoch, long? StandingsClaim);

    private sealed record RoundRow(
        string GameId, long RoundIndex, string QuestionId, string ChoiceOrder, long? OpenedAt, long? Deadline, string? MessageId, long? ClosedAt, long? RevealPostedAt, long? QuestionClaim, long? RevealClaim);

    private sealed record PressRow(
        string GameId, long RoundIndex, string UserId, string Scope, string DisplayName, long Choice, long Correct, long Points, long PressedAt);
}
