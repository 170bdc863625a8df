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

    public async Task<ShownCard?> GetShownAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ScreenRow>(new CommandDefinition(
            "SELECT card_id AS CardId, version AS Version FROM study_screens WHERE scope = @Scope AND user_id = @UserId;",
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { CardId: { } cardId } ? new ShownCard(cardId, row.Version) : null;
    }

    public async Task<ShownCard> ShowAsync(PlayerKey player, string cardId, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        StoreInput.Id(cardId, nameof(cardId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO study_screens AS s (scope, user_id, card_id, version) VALUES (@Scope, @UserId, @cardId, 1)
            ON CONFLICT (scope, user_id) DO UPDATE SET
                card_id = excluded.card_id,
                version = CASE WHEN s.card_id IS NOT DISTINCT FROM excluded.card_id THEN s.version ELSE s.version + 1 END
            RETURNING version;
            """,
            new { player.Scope, player.UserId, cardId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ShownCard(cardId, version);
    }

    public Task<bool> RateAsync(PlayerKey player, CardReview review, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        ArgumentNullException.ThrowIfNull(review);
        StoreInput.Card(review.After, review.Log);
        if (review.Shown.CardId != review.After.CardId)
        {
            throw new ArgumentException("A review rates the card that is shown.", nameof(review));
        }

        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                // The compare-and-set: a second press (here or on another instance) finds the screen already cleared.
                var cleared = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE study_screens SET card_id = NULL, version = version + 1
                    WHERE scope = @Scope AND user_id = @UserId AND card_id = @CardId AND version = @Version;
                    """,
                    new { player.Scope, player.UserId, review.Shown.CardId, review.Shown.Version },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (cleared == 0)
                {
                    return false;
                }

                await WriteReviewAsync(connection, transaction, player, review.After, review.Log, cancellationToken).ConfigureAwait(false);
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

    private sealed record ScreenRow(string? CardId, int Version);

    private sealed record ReviewRow(string CardId, int Rating, long ReviewedAt, double ElapsedDays, double ScheduledDays, int PhaseBefore);
}
