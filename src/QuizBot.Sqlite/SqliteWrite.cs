using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// One write transaction on the file's writer connection (see <see cref="SqliteDatabase.BeginWriteAsync"/>).
/// Commit it, or dispose it to roll back; disposing also gives the next writer its turn.
/// </summary>
internal sealed class SqliteWrite : IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase database;
    private readonly SqliteDatabase.WriteTurn turn;
    private bool committed;
    private bool commitFailed;
    private bool ended;

    public SqliteWrite(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction, PreparedCommands commands, SqliteDatabase.WriteTurn turn)
    {
        this.database = database;
        this.turn = turn;
        Connection = connection;
        Transaction = transaction;
        Commands = commands;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>Compiled statements kept with the writer connection, bound to this transaction.</summary>
    public PreparedCommands Commands { get; }

    /// <summary>A compiled statement bound to this transaction (see <see cref="PreparedCommands.Get"/>).</summary>
    public SqliteCommand Command(SqlStatement statement) => Commands.Get(Transaction, statement);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // SQLite may have rolled the transaction back itself: the next writer starts on a fresh connection.
            commitFailed = true;
            throw;
        }

        committed = true;
    }

    public void Dispose()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        var failed = commitFailed;
        if (!committed)
        {
            try
            {
                Transaction.Dispose();
            }
            catch (SqliteException)
            {
                // A rollback that fails leaves the connection in an unknown state: the next writer opens a fresh one.
                failed = true;
            }
        }

        database.EndWrite(failed, turn, committed ? 1 : 0);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
