using System.CommandLine;
using Microsoft.Data.Sqlite;
using Npgsql;
using QuizBot.Hosting;
using QuizBot.Terminal;
using Spectre.Console;

namespace QuizBot.Cli;

/// <summary>
/// `quizbot migrate-store --to postgres`: copies the SQLite database (Storage:Path, or --from) into an empty PostgreSQL
/// database (Storage:ConnectionString, or --connection-string), shows progress per table, then counts every table on
/// both sides and prints the counts. Stop the bot first: what it writes after the copy starts stays in SQLite.
/// </summary>
internal static class MigrateStoreCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "The store to copy into (only `postgres` is supported).", Required = true };
        to.AcceptOnlyFromAmong("postgres");
        var from = new Option<string?>("--from") { Description = $"The SQLite file to copy (default: {BotSettings.StoragePathKey}, else {BotSettings.DefaultStoragePath})." };
        var connection = new Option<string?>("--connection-string") { Description = $"The PostgreSQL database, Npgsql syntax (default: {StorageSettings.ConnectionStringKey})." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Empty the PostgreSQL tables first if they already hold data (by default a non-empty target is refused)." };
        var command = new Command("migrate-store", "Copy the SQLite database into PostgreSQL, table by table, and verify the row counts.") { to, from, connection, overwrite };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(from), parse.GetValue(connection), parse.GetValue(overwrite), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? fromOption, string? connectionOption, bool overwrite, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build();
        var source = string.IsNullOrWhiteSpace(fromOption) ? configuration[BotSettings.StoragePathKey] ?? BotSettings.DefaultStoragePath : fromOption.Trim();
        if (!File.Exists(source))
        {
            await error.WriteLineAsync($"No SQLite database at '{Path.GetFullPath(source)}'. Give the file with --from, or set {BotSettings.StoragePathKey}.");
            return ExitCodes.Usage;
        }

        var connectionString = string.IsNullOrWhiteSpace(connectionOption) ? configuration[StorageSettings.ConnectionStringKey] : connectionOption.Trim();
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"No PostgreSQL database given: pass --connection-string \"Host=...;Database=...;Username=...\" or set {BotSettings.EnvName(StorageSettings.ConnectionStringKey)}.");
            return ExitCodes.Usage;
        }

        var target = new StorageSettings(StorageProvider.Postgres, source, connectionString).Description;
        var copy = new SqliteToPostgresCopy(source, connectionString);
        try
        {
            await copy.PrepareAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            await error.WriteLineAsync($"'{Path.GetFullPath(source)}' cannot be read as a QuizBot database: {exception.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or TimeoutException)
        {
            // Npgsql's messages name the host and the reason, never the password.
            await error.WriteLineAsync($"The PostgreSQL database cannot be used ({target}): {exception.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return ExitCodes.Failed;
        }

        var held = (await copy.CountTargetAsync(cancellationToken)).Where(t => t.Value > 0).ToList();
        if (held.Count > 0 && !overwrite)
        {
            await error.WriteLineAsync(
                $"{target} already holds data ({string.Join(", ", held.Select(t => $"{t.Key}: {t.Value}"))}); nothing was copied. "
                + "Point --connection-string at an empty database, or give --overwrite to replace what it holds.");
            return ExitCodes.Failed;
        }

        var console = Console(output);
        IReadOnlyList<TableCount> counts;
        try
        {
            var rows = await copy.CountSourceAsync(cancellationToken);
            console.WriteLine($"Copying {rows.Values.Sum():N0} rows in {rows.Count} tables from {Path.GetFullPath(source)} to {target}, in one transaction.");
            counts = console.Profile.Capabilities.Interactive
                ? await console.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var tasks = SqliteToPostgresCopy.Tables.ToDictionary(t => t, t => progress.AddTask(t, maxValue: Math.Max(1, rows[t])));
                        return await copy.CopyAsync(overwrite, (table, copied) => tasks[table].Value = rows[table] == 0 ? 1 : copied, cancellationToken);
                    })
                : await copy.CopyAsync(overwrite, progress: null, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or SqliteException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"The copy failed and was rolled back, {target} is as it was: {exception.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failed;
        }

        var table = new Table().AddColumns("table", "SQLite rows", "PostgreSQL rows", "");
        foreach (var count in counts)
        {
            table.AddRow(count.Table, count.Source.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), count.Target.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), count.Matches ? "ok" : "MISMATCH");
        }

        console.Write(table);
        if (counts.Any(c => !c.Matches))
        {
            await error.WriteLineAsync($"Row counts differ for {string.Join(", ", counts.Where(c => !c.Matches).Select(c => c.Table))}: do not switch to {target} yet.");
            return ExitCodes.Failed;
        }

        console.WriteLine($"Copied {counts.Sum(c => c.Source):N0} rows from {Path.GetFullPath(source)} to {target}; every table's count matches. "
            + $"Start the bot with {StorageSettings.ProviderKey}=postgres and {StorageSettings.ConnectionStringKey} set.");
        return ExitCodes.Ok;
    }

    /// <summary>A progress bar on a terminal; plain lines when the output is a file, a pipe or a test's capture.</summary>
    private static IAnsiConsole Console(TextWriter output)
    {
        var redirected = output != System.Console.Out || System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(TerminalIo.ConsoleSettings(redirected, Environment.GetEnvironmentVariable("NO_COLOR"), new AnsiConsoleOutput(output)));
        if (redirected)
        {
            // A file or a pipe has no width: lines stay whole.
            console.Profile.Width = 10_000;
        }

        return console;
    }
}
