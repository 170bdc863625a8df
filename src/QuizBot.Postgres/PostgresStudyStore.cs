using Dapper;
using Npgsql;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Postgres;

/// <summary>Flashcard states per player and card, and the log of every review.</summary>
public sealed class PostgresStudyStore : IStudyStore
{
    private const string CardColumns = """
        SELECT card_id AS CardId, phase AS Phase, step AS Step, stability AS Stability, difficulty AS Difficulty,
               due AS Due, last_review AS LastReview, reps AS Reps, lapses AS Lapses
        FROM card_states
        """;

    private readonly PostgresDatabase database;

    internal PostgresStudyStore(PostgresDatabase database) => this.database = database;

    public async Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CardRow>(new CommandDefinition(
            CardColumns + " WHERE scope = @Scope AND user_id = @UserId;",
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new CardState(
                r.CardId, (CardPhase)r.Phase, r.Step, r.Stability, r.Difficulty, StoredTime.FromStored(r.Due), StoredTime.FromStored(r.LastReview), r.Reps, r.Lapses))
            .ToDictionary(c => c.CardId, StringComparer.Ordinal);
    }

    public Task SaveReviewAsync(PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        StoreInput.Card(after, review);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await WriteReviewAsync(connection, transaction, player, after, review, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>The player's reviews in the order they happened.</summary>
    public async Task<IReadOnlyList<ReviewLogEntry>> GetReviewLogAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            """
            SELECT card_id AS CardId, rating AS Rating, reviewed_at AS ReviewedAt, elapsed_days AS ElapsedDays,
                   scheduled_days AS ScheduledDays, phase_before AS PhaseBefore
            FROM review_log WHERE scope = @Scope AND user_id = @UserId
            ORDER BY reviewed_at, id;
            """,
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ReviewLogEntry(
                r.CardId, (Rating)r.Rating, StoredTime.FromStored(r.ReviewedAt), r.ElapsedDays, r.ScheduledDays, (CardPhase)r.PhaseBefore))
            .ToList();
    }

    /// <summary>Saves a card's state and appends its review inside the caller's transaction (also used by imports).</summary>
    internal static async Task WriteReviewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken)
    {
        await using var batch = Sql.Batch(connection, transaction,
        [
            Sql.Command(
                """
                INSERT INTO card_states (scope, user_id, card_id, phase, step, stability, difficulty, due, last_review, reps, lapses)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (scope, user_id, card_id) DO UPDATE SET
                    phase = excluded.phase, step = excluded.step, stability = excluded.stability,
                    difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,
                    reps = excluded.reps, lapses = excluded.lapses;
                """,
                player.Scope, player.UserId, after.CardId, (int)after.Phase, after.Step, after.Stability, after.Difficulty,
                StoredTime.ToStored(after.Due), after.LastReview is { } last ? StoredTime.ToStored(last) : null, after.Reps, after.Lapses),
            Sql.Command(
                """
                INSERT INTO review_log (scope, user_id, card_id, rating, reviewed_at, elapsed_days, scheduled_days, phase_before)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
                """,
                player.Scope, player.UserId, review.CardId, (int)review.Rating, StoredTime.ToStored(review.ReviewedAt),
                review.ElapsedDays, review.ScheduledDays, (int)review.PhaseBefore),
        ]);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record CardRow(string CardId, int Phase, int Step, double Stability, double Difficulty, long Due, long? LastReview, int Reps, int Lapses);

    private sealed record ReviewRow(string CardId, int Rating, long ReviewedAt, double ElapsedDays, double ScheduledDays, int PhaseBefore);
}
