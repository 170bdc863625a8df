using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite;

/// <summary>Flashcard states per player and card, and the log of every review.</summary>
public sealed class SqliteStudyStore : IStudyStore
{
    private const string CardColumns = """
        SELECT card_id AS CardId, phase AS Phase, step AS Step, stability AS Stability, difficulty AS Difficulty,
               due AS Due, last_review AS LastReview, reps AS Reps, lapses AS Lapses
        FROM card_states
        """;

    private readonly SqliteDatabase database;

    internal SqliteStudyStore(SqliteDatabase database) => this.database = database;

    public async Task<IReadOnlyDictionary<string, CardState>> GetCardsAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CardRow>(new CommandDefinition(
            CardColumns + " WHERE scope = @Scope AND user_id = @UserId;",
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(ToCard).ToDictionary(c => c.CardId, StringComparer.Ordinal);
    }

    public async Task<ShownCard?> GetShownAsync(PlayerKey player, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string? CardId, long Version)?>(new CommandDefinition(
            "SELECT card_id, version FROM study_screens WHERE scope = @Scope AND user_id = @UserId;",
            new { player.Scope, player.UserId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { CardId: { } cardId } shown ? new ShownCard(cardId, (int)shown.Version) : null;
    }

    public async Task<ShownCard> ShowAsync(PlayerKey player, string cardId, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        StoreInput.Id(cardId, nameof(cardId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO study_screens (scope, user_id, card_id, version) VALUES (@Scope, @UserId, @cardId, 1)
            ON CONFLICT (scope, user_id) DO UPDATE SET
                card_id = excluded.card_id,
                version = CASE WHEN study_screens.card_id IS excluded.card_id THEN study_screens.version ELSE study_screens.version + 1 END
            RETURNING version;
            """,
            new { player.Scope, player.UserId, cardId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ShownCard(cardId, (int)version);
    }

    public async Task<bool> RateAsync(PlayerKey player, CardReview review, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        ArgumentNullException.ThrowIfNull(review);
        StoreInput.Card(review.After, review.Log);
        if (review.Shown.CardId != review.After.CardId)
        {
            throw new ArgumentException("A review rates the card that is shown.", nameof(review));
        }

        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
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
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Saves a card's state and appends its review inside the caller's transaction (also used by imports).</summary>
    internal static async Task WriteReviewAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO card_states (scope, user_id, card_id, phase, step, stability, difficulty, due, last_review, reps, lapses)
            VALUES (@Scope, @UserId, @CardId, @Phase, @Step, @Stability, @Difficulty, @Due, @LastReview, @Reps, @Lapses)
            ON CONFLICT (scope, user_id, card_id) DO UPDATE SET
                phase = excluded.phase, step = excluded.step, stability = excluded.stability,
                difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,
                reps = excluded.reps, lapses = excluded.lapses;
            """,
            new
            {
                player.Scope,
                player.UserId,
                after.CardId,
                Phase = (int)after.Phase,
                after.Step,
                after.Stability,
                after.Difficulty,
                Due = StoredTime.ToStored(after.Due),
                LastReview = after.LastReview is { } last ? StoredTime.ToStored(last) : (long?)null,
                after.Reps,
                after.Lapses,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_log (scope, user_id, card_id, rating, reviewed_at, elapsed_days, scheduled_days, phase_before)
            VALUES (@Scope, @UserId, @CardId, @Rating, @ReviewedAt, @ElapsedDays, @ScheduledDays, @PhaseBefore);
            """,
            new
            {
                player.Scope,
                player.UserId,
                review.CardId,
                Rating = (int)review.Rating,
                ReviewedAt = StoredTime.ToStored(review.ReviewedAt),
                review.ElapsedDays,
                review.ScheduledDays,
                PhaseBefore = (int)review.PhaseBefore,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The player's reviews in the order they happened (for export or tuning FSRS weights).</summary>
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
                r.CardId,
                (Rating)r.Rating,
                StoredTime.FromStored(r.ReviewedAt),
                r.ElapsedDays,
                r.ScheduledDays,
                (CardPhase)r.PhaseBefore))
            .ToList();
    }

    private static CardState ToCard(CardRow row) => new(
        row.CardId,
        (CardPhase)row.Phase,
        (int)row.Step,
        row.Stability,
        row.Difficulty,
        StoredTime.FromStored(row.Due),
        StoredTime.FromStored(row.LastReview),
        (int)row.Reps,
        (int)row.Lapses);

    private sealed record CardRow(string CardId, long Phase, long Step, double Stability, double Difficulty, long Due, long? LastReview, long Reps, long Lapses);

    private sealed record ReviewRow(string CardId, long Rating, long ReviewedAt, double ElapsedDays, double ScheduledDays, long PhaseBefore);
}
