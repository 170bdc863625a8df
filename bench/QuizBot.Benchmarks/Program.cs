using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*'` runs every suite; see bench/STAGES.md.
BenchmarkSwitcher.FromAssembly(typeof(QuizBot.Benchmarks.BenchPaths).Assembly).Run(args);
