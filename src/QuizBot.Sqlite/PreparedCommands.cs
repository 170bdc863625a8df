using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Statements compiled once per connection and reused: an answer runs the same dozen statements every time, and
/// compiling them costs more than running them. Owned by the connection's user; not thread-safe.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    /// <summary>The compiled command for <paramref name="sql"/> in <paramref name="transaction"/>, its parameters named in order.</summary>
    public SqliteCommand Get(SqliteTransaction transaction, string sql, params string[] parameterNames)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            commands.Add(sql, command);
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
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }
}
