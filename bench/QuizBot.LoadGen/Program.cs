using QuizBot.LoadGen;

// `dotnet run -c Release --project bench/QuizBot.LoadGen -- --duration 30 --concurrency 16`; --help lists the options.
return await LoadCommand.Create().Parse(args).InvokeAsync();
