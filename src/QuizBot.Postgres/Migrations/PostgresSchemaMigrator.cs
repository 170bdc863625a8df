using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace QuizBot.Postgres.Migrations;

/// <summary>One numbered SQL script that moves the schema from version <c>Version - 1</c> to <c>Version</c>.</summary>
internal sealed record PostgresMigration(int Version, string Name, string Sql);

/// <summary>
/// Brings a database up to the newest schema. Applied versions are rows of <c>schema_migrations</c>; each migration
/// runs in one transaction with its row, so a crash leaves a whole version. Instances that start together queue on
/// one advisory lock: the first migrates, the others then find nothing left to do.
/// </summary>
internal static partial class PostgresSchemaMigrator
{
    /// <summary>The session advisory lock every starting instance takes before looking at the schema ("QUIZBOT").</summary>
    public const long LockKey = 0x51_55_49_5A_42_4F_54;

    private const string ResourcePrefix = "QuizBot.Postgres.Migrations.";

    public static IReadOnlyList<PostgresMigration> All { get; } = LoadEmbedded();

    public static int LatestVersion => All[^1].Version;

    public static int CurrentVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(version), 0) FROM schema_migrations) END;",
            connection);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies every migration above the database's version, up to <paramref name="targetVersion"/>.</summary>
    public static void Migrate(NpgsqlConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        if (target < 0 || target > LatestVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(targetVersion), target, $"Known schema versions are 0 to {LatestVersion}.");
        }

        Execute(connection, null, $"SELECT pg_advisory_lock({LockKey});");
        try
        {
            Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """);
            var found = CurrentVersion(connection);
            if (found > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database has schema version {found}, newer than this build knows ({LatestVersion}); run a newer QuizBot.");
            }

            foreach (var migration in All.Where(m => m.Version > found && m.Version <= target))
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, migration.Sql);
                using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2);", connection, transaction);
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                record.ExecuteNonQuery();
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey});");
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<PostgresMigration> LoadEmbedded()
    {
        var assembly = typeof(PostgresSchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource =>
            {
                var match = FileName().Match(resource[ResourcePrefix.Length..]);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Migration '{resource}' is not named NNN_name.sql.");
                }

                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                return new PostgresMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0 || migrations.Where((m, i) => m.Version != i + 1).Any())
        {
            throw new InvalidOperationException("QuizBot.Postgres migrations must be numbered 001, 002, ... without gaps.");
        }

        return migrations;
    }

    [GeneratedRegex(@"^(\d{3})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
