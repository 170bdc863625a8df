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

    public async Task SaveReviewAsync(PlayerKey player, CardState after, ReviewLogEntry review, CancellationToken cancellationToken = default)
    {
        StoreInput.Player(player);
        StoreInput.Card(after, review);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
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
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
