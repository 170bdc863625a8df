using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>Prints a run's figures: throughput, latency percentiles and errors per kind, the worst error reasons, the check.</summary>
internal static class LoadReport
{
    private const int MaxListedReasons = 5;

    public static void Write(TextWriter output, RunOutcome run, LoadStats warmup, CheckResult? check)
    {
        var stats = run.Stats;
        var seconds = run.Elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine(Invariant($"warm-up (not measured): {warmup.Requests} requests, {warmup.Errors} errors"));
        foreach (var (reason, count) in warmup.ErrorReasons().Take(MaxListedReasons))
        {
            output.WriteLine(Invariant($"warm-up error x{count}: {reason}"));
        }

        output.WriteLine(Invariant($"{stats.Requests} requests in {seconds:0.0} s = {stats.Requests / seconds:0} requests/s, {stats.Errors} errors"));
        output.WriteLine(Invariant($"{run.Members.Count} members answered {run.Members.Sum(m => m.AcceptedAnswers)} questions in all (warm-up included)"));
        output.WriteLine();
        output.WriteLine("| Kind    | Requests | Errors | p50      | p95      | p99      | max      |");
        output.WriteLine("|---------|---------:|-------:|---------:|---------:|---------:|---------:|");
        foreach (var kind in stats.Summaries())
        {
            output.WriteLine(Invariant($"| {kind.Kind.ToString().ToLowerInvariant(),-7} | {kind.Requests,8} | {kind.Errors,6} | {Ms(kind.P50)} | {Ms(kind.P95)} | {Ms(kind.P99)} | {Ms(kind.Max)} |"));
        }

        foreach (var (reason, count) in stats.ErrorReasons().Take(MaxListedReasons))
        {
            output.WriteLine(Invariant($"error x{count}: {reason}"));
        }

        output.WriteLine();
        if (check is null)
        {
            output.WriteLine("stored answers: not checked (give --database to check a bot started elsewhere)");
            return;
        }

        output.WriteLine($"stored answers: {(check.Passed ? "PASS" : "FAIL")}");
        foreach (var line in check.Lines)
        {
            output.WriteLine("  " + line);
        }
    }

    private static string Ms(TimeSpan latency) => Invariant($"{latency.TotalMilliseconds,5:0.0} ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
