using Npgsql;

namespace QuizBot.Postgres;

/// <summary>Builds batch commands with positional parameters ($1, $2, ...), for writes sent in one round trip.</summary>
internal static class Sql
{
    /// <summary>The first key of the two-key advisory locks this store takes per scope ("QB").</summary>
    public const int ScopeLockSpace = 0x5142;

    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
