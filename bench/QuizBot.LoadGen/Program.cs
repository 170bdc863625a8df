using System.CommandLine;
using QuizBot.LoadGen;

// `dotnet run -c Release --project bench/QuizBot.LoadGen`: PING, then the quiz, against the bot as its own process; --help lists the options.
return await LoadCommand.InvokeAsync(args, new InvocationConfiguration());
