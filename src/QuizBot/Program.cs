using System.CommandLine;
using QuizBot.Cli;

// The verbs of the `quizbot` executable. Each verb lives in Cli/<Verb>Command.cs and is added here.
var root = new RootCommand("QuizBot: a Discord study bot that teaches a curated, cited fact bank.");
root.Subcommands.Add(ContentCommand.Create());
root.Subcommands.Add(ScheduleCommand.Create());
root.Subcommands.Add(PlayCommand.Create());
root.Subcommands.Add(ReviewCommand.Create());
root.Subcommands.Add(StudyCommand.Create());
return await root.Parse(args).InvokeAsync();
