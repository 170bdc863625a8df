using System.Data.Common;
using System.Globalization;
using Dapper;
using QuizBot.Core.Trivia;

namespace QuizBot.Sqlite;

/// <summary>
/// The lease-guarded writes of a trivia game, one compare-and-set each, in SQL both stores speak; compiled into the
/// SQLite and the PostgreSQL store, which supply the transaction (and read the game back after).
/// </summary>
internal static class TriviaGameWrites
{
    /// <summary>Only the instance holding an unexpired lease on the game, in the tenure the write was decided under, may move it.</summary>
    public const string LeaseHeld = "lease_owner = @owner AND lease_epoch = @epoch AND lease_expires_at > @now";

    public static async Task<bool> CloseRoundAsync(DbConnection connection, DbTransaction transaction, Parameters p, int round, CancellationToken cancellationToken)
    {
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE trivia_rounds SET closed_at = @now
            WHERE game_id = @game AND round_index = @round AND closed_at IS NULL AND deadline IS NOT NULL AND deadline <= @now
              AND EXISTS (SELECT 1 FROM trivia_games WHERE id = @game AND end_reason IS NULL AND current_round = @round AND {LeaseHeld});
            """,
            new { p.game, p.owner, p.epoch, p.now, round },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (closed > 0)
        {
            // The last round's close is the end of the game.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE trivia_games SET end_reason = 'Completed', ended_at = @now WHERE id = @game AND current_round = round_count - 1;",
                new { p.game, p.now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return closed > 0;
    }

    public static async Task<bool> OpenRoundAsync(DbConnection connection, DbTransaction transaction, Parameters p, int round, long deadline, CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE trivia_games SET current_round = @round
            WHERE id = @game AND end_reason IS NULL AND current_round = @round - 1 AND {LeaseHeld}
              AND EXISTS (SELECT 1 FROM trivia_rounds WHERE game_id = @game AND round_index = @round - 1 AND reveal_posted_at IS NOT NULL)
              AND EXISTS (SELECT 1 FROM trivia_rounds WHERE game_id = @game AND round_index = @round AND deadline IS NULL);
            """,
            new { p.game, p.owner, p.epoch, p.now, round },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (moved > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE trivia_rounds SET opened_at = @now, deadline = @deadline WHERE game_id = @game AND round_index = @round;",
                new { p.game, p.now, round, deadline },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return moved > 0;
    }

    public static async Task<bool> MarkQuestionPostedAsync(DbConnection connection, DbTransaction transaction, Parameters p, int round, ulong messageId, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE trivia_rounds SET message_id = @message
            WHERE game_id = @game AND round_index = @round AND round_index > 0 AND message_id IS NULL AND deadline IS NOT NULL
              AND question_claim = @epoch AND EXISTS (SELECT 1 FROM trivia_games WHERE id = @game AND {LeaseHeld});
            """,
            new { p.game, p.owner, p.epoch, p.now, round, message = messageId.ToString(CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    public static async Task<bool> MarkRevealPostedAsync(DbConnection connection, DbTransaction transaction, Parameters p, int round, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE trivia_rounds SET reveal_posted_at = @now
            WHERE game_id = @game AND round_index = @round AND closed_at IS NOT NULL AND reveal_posted_at IS NULL
              AND EXISTS (SELECT 1 FROM trivia_games WHERE id = @game AND {LeaseHeld});
            """,
            new { p.game, p.owner, p.epoch, p.now, round },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    public static async Task<bool> EndAsync(DbConnection connection, DbTransaction transaction, Parameters p, TriviaEndReason reason, CancellationToken cancellationToken)
    {
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE trivia_games SET end_reason = @reason, ended_at = @now WHERE id = @game AND end_reason IS NULL AND {LeaseHeld};",
            new { p.game, p.owner, p.epoch, p.now, reason = reason.ToString() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (ended > 0)
        {
            await CloseCurrentRoundAsync(connection, transaction, p, cancellationToken).ConfigureAwait(false);
        }

        return ended > 0;
    }

    public static async Task<bool> FinishAsync(DbConnection connection, DbTransaction transaction, Parameters p, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE trivia_games SET standings_posted = 1, interaction_token = NULL, lease_owner = NULL, lease_expires_at = 0
            WHERE id = @game AND end_reason IS NOT NULL AND interaction_token IS NOT NULL AND {LeaseHeld};
            """,
            new { p.game, p.owner, p.epoch, p.now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    /// <summary>
    /// Claims a post for the lease's tenure: applies when unclaimed or already this tenure's, and not yet recorded as
    /// posted; otherwise says whether the lease was lost or the post claimed (or recorded) before.
    /// </summary>
    public static async Task<TriviaClaim> ClaimPostAsync(DbConnection connection, DbTransaction transaction, Parameters p, TriviaPost post, CancellationToken cancellationToken)
    {
        var (sql, round) = post switch
        {
            TriviaPost.Question q => ($"""
                UPDATE trivia_rounds SET question_claim = @epoch
                WHERE game_id = @game AND round_index = @round AND round_index > 0 AND message_id IS NULL
                  AND (question_claim IS NULL OR question_claim = @epoch)
                  AND EXISTS (SELECT 1 FROM trivia_games WHERE id = @game AND {LeaseHeld});
                """, q.Round),
            TriviaPost.Reveal r => ($"""
                UPDATE trivia_rounds SET reveal_claim = @epoch
                WHERE game_id = @game AND round_index = @round AND closed_at IS NOT NULL AND reveal_posted_at IS NULL
                  AND (reveal_claim IS NULL OR reveal_claim = @epoch)
                  AND EXISTS (SELECT 1 FROM trivia_games WHERE id = @game AND {LeaseHeld});
                """, r.Round),
            _ => ($"""
                UPDATE trivia_games SET standings_claim = @epoch
                WHERE id = @game AND end_reason IS NOT NULL AND standings_posted = 0 AND interaction_token IS NOT NULL
                  AND (standings_claim IS NULL OR standings_claim = @epoch) AND {LeaseHeld};
                """, 0),
        };
        if (await connection.ExecuteAsync(new CommandDefinition(
            sql, new { p.game, p.owner, p.epoch, p.now, round }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
        {
            return TriviaClaim.Claimed;
        }

        var held = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM trivia_games WHERE id = @game AND {LeaseHeld};",
            new { p.game, p.owner, p.epoch, p.now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return held > 0 ? TriviaClaim.ClaimedBefore : TriviaClaim.LeaseLost;
    }

    /// <summary>
    /// Takes or renews the lease and returns its epoch, or null when another instance holds it. The epoch goes up unless
    /// the same owner renews a lease that has not run out (SET reads the row as it was before the update).
    /// </summary>
    public static Task<long?> AcquireLeaseAsync(DbConnection connection, DbTransaction transaction, string gameId, string owner, long now, long until, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE trivia_games
            SET lease_epoch = CASE WHEN lease_owner = @owner AND lease_expires_at > @now THEN lease_epoch ELSE lease_epoch + 1 END,
                lease_owner = @owner, lease_expires_at = @until
            WHERE id = @game AND (end_reason IS NULL OR interaction_token IS NOT NULL)
              AND (lease_owner IS NULL OR lease_owner = @owner OR lease_expires_at <= @now)
            RETURNING lease_epoch;
            """,
            new { game = gameId, owner, now, until },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Closes the game's current round if it is open (a stop or an end closes it with the game).</summary>
    public static Task CloseCurrentRoundAsync(DbConnection connection, DbTransaction transaction, Parameters p, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE trivia_rounds SET closed_at = @now
            WHERE game_id = @game AND closed_at IS NULL AND deadline IS NOT NULL
              AND round_index = (SELECT current_round FROM trivia_games WHERE id = @game);
            """,
            new { p.game, p.now },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>What every guarded write binds: the game, the lease owner and tenure, and the time (stored form).</summary>
    public sealed record Parameters(string game, string? owner, long epoch, long now)
    {
        public Parameters(string game, TriviaLease? lease, long now)
            : this(game, lease?.Owner, lease?.Epoch ?? 0, now)
        {
        }
    }
}
