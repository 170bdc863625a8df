using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*'` runs every suite; see bench/STAGES.md.
// `... -- cpu-per-answer [answers]` times the store and service stages in CPU time (see CpuPerAnswer).
// `... -- cpu-per-picture [pictures]` times drawing and PNG encoding in the drawing thread's CPU time (see CpuPerPicture).
if (args is ["cpu-per-answer", .. var rest])
{
    return await QuizBot.Benchmarks.CpuPerAnswer.RunAsync(rest);
}

if (args is ["cpu-per-picture", .. var pictureArgs])
{
    return QuizBot.Benchmarks.CpuPerPicture.Run(pictureArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(QuizBot.Benchmarks.BenchPaths).Assembly).Run(args);
return 0;
