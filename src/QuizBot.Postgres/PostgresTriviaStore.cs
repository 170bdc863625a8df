using System.Data.Common;
using Dapper;
using QuizBot.Core.Quiz;
using QuizBot.Core.Trivia;

namespace QuizBot.Postgres;

/// <summary>
/// Live trivia games in PostgreSQL, shared by every instance (the statements are <see cref="SqlTriviaStore"/>'s). A
/// write that moves a game locks its row first, and a press holds it shared, so a press and the reveal's close never
/// interleave: a press either lands before the round closes or is refused as closed.
/// </summary>
internal sealed class PostgresTriviaStore(PostgresDatabase database) : SqlTriviaStore
{
    public override async Task<TriviaStartWrite> StartAsync(TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds, CancellationToken cancellationToken = default)
    {
        CheckStart(game, rounds);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var started = await InsertGameAsync(connection, transaction, game, rounds, cancellationToken).ConfigureAwait(false);
        if (started.Started)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    public override async Task<TriviaPressWrite> PressAsync(string gameId, TriviaPressRecord press, AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        CheckPress(gameId, press, answer);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM trivia_games WHERE id = @gameId FOR SHARE;", new { gameId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (await InsertPressAsync(connection, transaction, gameId, press, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await PostgresAnswerWriter.WriteAsync(connection, transaction, answer, cancellationToken).ConfigureAwait(false);
        var session = await SessionAfterAsync(connection, transaction, gameId, press, cancellationToken).ConfigureAwait(false);
        await PostgresSessionRows.UpsertAsync(connection, transaction, session, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TriviaPressWrite(TriviaPressStatus.Stored);
    }

    public override async Task<TriviaLease?> TryAcquireLeaseAsync(string gameId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(gameId, nameof(gameId));
        StoreInput.Id(owner, nameof(owner));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var epoch = await TriviaGameWrites.AcquireLeaseAsync(connection, transaction, gameId, owner, StoredTime.ToStored(now), StoredTime.ToStored(until), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return epoch is { } taken ? new TriviaLease(owner, taken) : null;
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<TriviaWrite> WriteAsync(TriviaGameWrites.Parameters parameters, Func<DbConnection, DbTransaction, TriviaGameWrites.Parameters, Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM trivia_games WHERE id = @game FOR UPDATE;", new { parameters.game }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = await write(connection, transaction, parameters).ConfigureAwait(false);
        var state = await LoadAsync(connection, transaction, parameters.game, withPresses: true, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TriviaWrite(applied, state);
    }
}
