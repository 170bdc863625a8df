using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// A statement the writer compiles once per connection: its SQL, its parameter names in order, and a slot that finds
/// the compiled command in an array, so a lookup does not hash (and compare) the whole SQL text. Hold every instance in a
/// static field: each one takes a slot for the life of the process.
/// </summary>
internal sealed class SqlStatement
{
    private static int slots;

    public SqlStatement(string sql, params string[] parameterNames)
    {
        Sql = sql;
        ParameterNames = parameterNames;
        Slot = Interlocked.Increment(ref slots) - 1;
    }

    public string Sql { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    internal int Slot { get; }
}

/// <summary>
/// Statements compiled once per connection and reused: an answer runs the same dozen statements every time, and
/// compiling them costs more than running them. Owned by the connection's user; not thread-safe.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private SqliteCommand?[] commands = new SqliteCommand?[32];

    /// <summary>The compiled command for <paramref name="statement"/> in <paramref name="transaction"/> (null outside one), its parameters named in order.</summary>
    public SqliteCommand Get(SqliteTransaction? transaction, SqlStatement statement)
    {
        var slot = statement.Slot;
        if (slot >= commands.Length)
        {
            Array.Resize(ref commands, Math.Max(slot + 1, commands.Length * 2));
        }

        var command = commands[slot];
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var name in statement.ParameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            commands[slot] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs a compiled command with these parameter values, in order (null for SQL NULL); the rows it changed.</summary>
    public static int Run(SqliteCommand command, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i]?.Dispose();
            commands[i] = null;
        }
    }
}
