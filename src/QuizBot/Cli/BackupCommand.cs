using System.CommandLine;
using Microsoft.Data.Sqlite;
using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>`quizbot backup FILE`: a consistent copy of the database at Storage:Path, taken while the bot may be running.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Where to write the copy (must not exist yet)." };
        var backup = new Command("backup", "Copy the live database consistently (SQLite backup API).") { file };
        backup.SetAction(parse =>
        {
            var configuration = CliConfiguration.Build();
            if (StorageSettings.BackupAdvice(configuration) is { } advice)
            {
                parse.InvocationConfiguration.Error.WriteLine(advice);
                return 2;
            }

            var storage = configuration[BotSettings.StoragePathKey] ?? BotSettings.DefaultStoragePath;
            var destination = parse.GetValue(file) ?? "";
            try
            {
                if (DatabaseBackup.Copy(storage, destination) is { } problem)
                {
                    parse.InvocationConfiguration.Error.WriteLine(problem);
                    return 1;
                }
            }
            catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Backup failed: {exception.Message}");
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine($"Backed up {Path.GetFullPath(storage)} to {Path.GetFullPath(destination)}");
            return 0;
        });
        return backup;
    }
}
