using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using QuizBot.Postgres;
using QuizBot.Sqlite;

namespace QuizBot.Hosting;

/// <summary>Rows of one table in the SQLite source and, after the copy, in PostgreSQL.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>
/// Copies a SQLite database into a PostgreSQL one, table by table, in one PostgreSQL transaction: either everything
/// arrives or the target is left as it was. The source is read in one read transaction (a consistent snapshot, even
/// if a bot is still writing) after being brought to this build's schema, as `quizbot run` would. Columns are matched
/// by name from the target's catalog, so a table or column one store has and the other lacks stops the copy
/// instead of losing data. Identity sequences are moved past the copied ids, so new rows do not collide.
/// </summary>
public sealed class SqliteToPostgresCopy
{
    /// <summary>Every table that holds state, parents before children (answers before nothing: its key to users is deferred).</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "users", "quiz_sessions", "answers", "quiz_steps", "player_totals", "card_states", "review_log", "study_screens",
        "question_reports", "guild_settings", "daily_questions", "score_periods", "score_buckets", "score_days",
        "player_topics", "trivia_games", "trivia_rounds", "trivia_presses",
    ];

    /// <summary>
    /// Receipts of interaction ids expire within 15 minutes and identify slots within seconds; both matter only to a
    /// running bot: not copied.
    /// </summary>
    private static readonly string[] NotCopied = ["interaction_receipts", "identify_slots"];

    private readonly string sqlitePath;
    private readonly string connectionString;

    public SqliteToPostgresCopy(string sqlitePath, string connectionString)
    {
        this.sqlitePath = Path.GetFullPath(sqlitePath);
        this.connectionString = connectionString;
    }

    /// <summary>
    /// Brings both databases to this build's schema (the target's tables are created) and checks that they hold the
    /// same tables. Throws <see cref="InvalidOperationException"/> when they do not.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        SqliteStore.Open(sqlitePath).Dispose();
        PostgresStore.Open(connectionString).Dispose();

        await using var source = await OpenSourceAsync(cancellationToken);
        var sourceTables = await ListAsync(source, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%';", cancellationToken);
        await using var target = await OpenTargetAsync(cancellationToken);
        var targetTables = await ListAsync(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations';", cancellationToken);
        var known = Tables.Concat(NotCopied).ToHashSet(StringComparer.Ordinal);
        var unknown = sourceTables.Concat(targetTables).Where(t => !known.Contains(t)).Distinct().ToList();
        var missing = Tables.Where(t => !sourceTables.Contains(t) || !targetTables.Contains(t)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The two schemas do not match this build's copy list (unknown: {Join(unknown)}; missing: {Join(missing)}); nothing was copied.");
        }
    }

    /// <summary>Rows per table in the source (one snapshot).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountSourceAsync(CancellationToken cancellationToken)
    {
        await using var source = await OpenSourceAsync(cancellationToken);
        return await CountAsync(source, cancellationToken);
    }

    /// <summary>Rows per table in the target, the receipts included.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountTargetAsync(CancellationToken cancellationToken)
    {
        await using var target = await OpenTargetAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables.Concat(NotCopied))
        {
            await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table};", target);
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>
    /// Copies every table in one transaction, emptying the target's tables first when <paramref name="overwrite"/>;
    /// <paramref name="progress"/> hears (table, rows copied so far) as it goes. Returns the rows per table on both
    /// sides, counted afresh after the commit.
    /// </summary>
    public async Task<IReadOnlyList<TableCount>> CopyAsync(bool overwrite, Action<string, long>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, long> sourceCounts;
        await using (var source = await OpenSourceAsync(cancellationToken))
        await using (var snapshot = source.BeginTransaction(deferred: true))
        {
            sourceCounts = await CountAsync(source, cancellationToken, snapshot);
            await using var target = await OpenTargetAsync(cancellationToken);
            await using var transaction = await target.BeginTransactionAsync(cancellationToken);
            if (overwrite)
            {
                await using var empty = new NpgsqlCommand($"TRUNCATE {string.Join(", ", Tables.Concat(NotCopied))} RESTART IDENTITY;", target, transaction);
                await empty.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var table in Tables)
            {
                await CopyTableAsync(source, snapshot, target, table, progress, cancellationToken);
            }

            await MoveIdentitiesPastCopiedIdsAsync(target, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var targetCounts = await CountTargetAsync(cancellationToken);
        return [.. Tables.Select(t => new TableCount(t, sourceCounts[t], targetCounts[t]))];
    }

    private async Task CopyTableAsync(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, string table, Action<string, long>? progress, CancellationToken cancellationToken)
    {
        var columns = await TargetColumnsAsync(target, table, cancellationToken);
        var sourceColumns = await ListAsync(source, $"SELECT name FROM pragma_table_info('{table}');", cancellationToken, snapshot);
        var unmatched = sourceColumns.Where(c => columns.All(t => t.Name != c)).ToList();
        if (unmatched.Count > 0)
        {
            throw new InvalidOperationException($"Table {table}: PostgreSQL has no column for {Join(unmatched)}; nothing was copied.");
        }

        await using var read = source.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => SourceExpression(table, c.Name, sourceColumns)))} FROM {table};";
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        await using var import = await target.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY);", cancellationToken);
        long copied = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            await import.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                await WriteAsync(import, columns[i], rows.GetValue(i), table, cancellationToken);
            }

            if (++copied % 1000 == 0)
            {
                progress?.Invoke(table, copied);
            }
        }

        await import.CompleteAsync(cancellationToken);
        progress?.Invoke(table, copied);
    }

    /// <summary>
    /// The SQLite expression for a target column: the same name, except PostgreSQL's ordering column for sessions,
    /// which SQLite keeps as the rowid.
    /// </summary>
    private static string SourceExpression(string table, string column, IReadOnlyList<string> sourceColumns) =>
        sourceColumns.Contains(column) ? column
        : table == "quiz_sessions" && column == "seq" ? "rowid"
        : throw new InvalidOperationException($"Table {table}: the SQLite database has no column {column}; nothing was copied.");

    private static Task WriteAsync(NpgsqlBinaryImporter import, TargetColumn column, object value, string table, CancellationToken cancellationToken)
    {
        if (value is DBNull)
        {
            return import.WriteNullAsync(cancellationToken);
        }

        return column.Type switch
        {
            "text" => import.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, cancellationToken),
            "int8" => import.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
            "int4" => import.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken),
            "float8" => import.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken),
            "bool" => import.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, cancellationToken),
            // SQLite keeps lists as JSON arrays of strings; PostgreSQL as text[].
            "_text" => import.WriteAsync(
                JsonSerializer.Deserialize((string)value, StoreCopyJsonContext.Default.StringArray) ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken),
            _ => throw new InvalidOperationException($"Table {table}, column {column.Name}: no copy rule for PostgreSQL type {column.Type}."),
        };
    }

    private static async Task MoveIdentitiesPastCopiedIdsAsync(NpgsqlConnection target, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var identities = new List<(string Table, string Column)>();
        await using (var find = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name;",
            target,
            transaction))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in identities)
        {
            // The next value is one past the largest copied (1 for an empty table).
            await using var move = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false);",
                target,
                transaction);
            await move.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountAsync(SqliteConnection source, CancellationToken cancellationToken, SqliteTransaction? snapshot = null)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            await using var command = source.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = $"SELECT COUNT(*) FROM {table};";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static async Task<List<TargetColumn>> TargetColumnsAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position;",
            target);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        var columns = new List<TargetColumn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(new TargetColumn(reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static async Task<List<string>> ListAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<SqliteConnection> OpenSourceAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task<NpgsqlConnection> OpenTargetAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static string Join(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    private sealed record TargetColumn(string Name, string Type);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class StoreCopyJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
