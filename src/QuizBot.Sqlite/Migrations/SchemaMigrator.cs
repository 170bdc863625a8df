using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite.Migrations;

/// <summary>One numbered SQL script that moves the schema from version <c>Version - 1</c> to <c>Version</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Brings a database file up to the newest schema. The version lives in <c>PRAGMA user_version</c>; each
/// migration runs in its own write transaction together with the version bump, so a crash leaves the file at a
/// whole version, and a second process starting at the same time finds the work done and skips it.
/// </summary>
internal static partial class SchemaMigrator
{
    private const string ResourcePrefix = "QuizBot.Sqlite.Migrations.";

    public static IReadOnlyList<Migration> All { get; } = LoadEmbedded();

    public static int LatestVersion => All[^1].Version;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies every migration above the file's version, up to <paramref name="targetVersion"/>.</summary>
    public static void Migrate(SqliteConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        if (target < 0 || target > LatestVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(targetVersion), target, $"Known schema versions are 0 to {LatestVersion}.");
        }

        var found = CurrentVersion(connection);
        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {found}, newer than this build knows ({LatestVersion}); run a newer QuizBot or restore a backup.");
        }

        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        foreach (var migration in All.Where(m => m.Version <= target))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = CurrentVersion(connection);
            if (current >= migration.Version)
            {
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            Execute(connection, transaction, $"PRAGMA user_version = {migration.Version.ToString(CultureInfo.InvariantCulture)};");
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = MigrationFileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{fileName}' is not named NNN_name.sql.");
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3... without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No migrations are embedded in QuizBot.Sqlite.");
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationFileName();
}
