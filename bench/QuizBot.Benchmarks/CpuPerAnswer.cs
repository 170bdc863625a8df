using System.Diagnostics;
using System.Globalization;

namespace QuizBot.Benchmarks;

/// <summary>
/// The store and service stages of <see cref="AnswerStageBenchmarks"/> timed in CPU time, not wall time: on a machine
/// shared with other work a wall-clock mean measures the neighbours, while the CPU this process spends per answer
/// stays comparable. Runs each stage in rounds after a warm-up (JIT tiers, caches) and prints every round and the median.
/// </summary>
internal static class CpuPerAnswer
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var answers = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        const int Rounds = 5;
        var stages = new AnswerStageBenchmarks();
        stages.Setup();
        try
        {
            foreach (var (name, run) in new (string, Func<Task>)[] { ("5 store", () => stages.Store()), ("4+5 service", () => stages.Service()) })
            {
                for (var i = 0; i < answers; i++)
                {
                    await run();
                }

                var cpu = new List<double>();
                var wall = new List<double>();
                for (var round = 0; round < Rounds; round++)
                {
                    var process = Process.GetCurrentProcess();
                    var cpuBefore = process.TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < answers; i++)
                    {
                        await run();
                    }

                    process.Refresh();
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / answers);
                    wall.Add(clock.Elapsed.TotalMicroseconds / answers);
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}: CPU {Median(cpu):F0} µs per answer (rounds {string.Join(", ", cpu.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))}), wall {Median(wall):F0} µs, {answers} answers per round"));
            }
        }
        finally
        {
            stages.Cleanup();
        }

        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
