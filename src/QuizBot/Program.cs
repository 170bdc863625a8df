using System.CommandLine;
using QuizBot.Cli;

// The verbs of the `quizbot` executable (see Cli/CliApp.cs). Running with no verb runs the bot.
// The host handles SIGTERM and Ctrl+C itself, draining interactions in flight; the parser must not cut that short.
return await CliApp.InvokeAsync(CliApp.Create(), args, new InvocationConfiguration { ProcessTerminationTimeout = null });
