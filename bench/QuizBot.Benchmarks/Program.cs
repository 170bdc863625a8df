using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*'` runs every suite; see bench/STAGES.md.
// `... -- cpu-per-answer [answers]` times the store and service stages in CPU time (see CpuPerAnswer).
if (args is ["cpu-per-answer", .. var rest])
{
    return await QuizBot.Benchmarks.CpuPerAnswer.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(QuizBot.Benchmarks.BenchPaths).Assembly).Run(args);
return 0;
