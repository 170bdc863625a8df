using System.CommandLine;
using QuizBot.Cli;

// The verbs of the `quizbot` executable. Each verb lives in Cli/<Verb>Command.cs and is added here.
// Running with no verb runs the bot.
var root = new RootCommand("QuizBot: a Discord study bot that teaches a curated, cited fact bank.") { TreatUnmatchedTokensAsErrors = false };
root.SetAction(RunCommand.RunAsync);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RegisterCommandsCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(HealthCommand.Create());
root.Subcommands.Add(ContentCommand.Create());
root.Subcommands.Add(ScheduleCommand.Create());
root.Subcommands.Add(PlayCommand.Create());
root.Subcommands.Add(ReviewCommand.Create());
root.Subcommands.Add(StudyCommand.Create());
root.Subcommands.Add(StatsCommand.Create());

// The host handles SIGTERM and Ctrl+C itself, draining interactions in flight; the parser must not cut that short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
