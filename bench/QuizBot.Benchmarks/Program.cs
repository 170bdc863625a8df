using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*'` runs every suite.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
