using System.Data.Common;
using QuizBot.Core.Quiz;
using QuizBot.Core.Trivia;

namespace QuizBot.Sqlite;

/// <summary>
/// Live trivia games in SQLite (the statements are <see cref="SqlTriviaStore"/>'s). Every write is one short
/// <c>BEGIN IMMEDIATE</c> transaction: it holds the file's write lock, so nothing else writes the game meanwhile.
/// </summary>
internal sealed class SqliteTriviaStore(SqliteDatabase database) : SqlTriviaStore
{
    public override async Task<TriviaStartWrite> StartAsync(TriviaGameRecord game, IReadOnlyList<TriviaRoundRecord> rounds, CancellationToken cancellationToken = default)
    {
        CheckStart(game, rounds);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var started = await InsertGameAsync(write.Connection, write.Transaction, game, rounds, cancellationToken).ConfigureAwait(false);
        if (started.Started)
        {
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    public override async Task<TriviaPressWrite> PressAsync(string gameId, TriviaPressRecord press, AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        CheckPress(gameId, press, answer);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        if (await InsertPressAsync(connection, transaction, gameId, press, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        using (var writer = new AnswerWriter(write.Commands, transaction))
        {
            writer.Write(answer);
        }

        var session = await SessionAfterAsync(connection, transaction, gameId, press, cancellationToken).ConfigureAwait(false);
        await QuizSessionRows.UpsertAsync(connection, transaction, session, cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TriviaPressWrite(TriviaPressStatus.Stored);
    }

    public override async Task<TriviaLease?> TryAcquireLeaseAsync(string gameId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        StoreInput.Id(gameId, nameof(gameId));
        StoreInput.Id(owner, nameof(owner));
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var epoch = await TriviaGameWrites.AcquireLeaseAsync(write.Connection, write.Transaction, gameId, owner, StoredTime.ToStored(now), StoredTime.ToStored(until), cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return epoch is { } taken ? new TriviaLease(owner, taken) : null;
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<TriviaWrite> WriteAsync(TriviaGameWrites.Parameters parameters, Func<DbConnection, DbTransaction, TriviaGameWrites.Parameters, Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var turn = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var applied = await write(turn.Connection, turn.Transaction, parameters).ConfigureAwait(false);
        var state = await LoadAsync(turn.Connection, turn.Transaction, parameters.game, withPresses: true, cancellationToken).ConfigureAwait(false);
        await turn.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TriviaWrite(applied, state);
    }
}
