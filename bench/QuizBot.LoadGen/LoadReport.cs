using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>Prints a phase's figures (throughput, latency percentiles and errors per kind, the worst error reasons) and the checks.</summary>
internal static class LoadReport
{
    private const int MaxListedReasons = 5;

    /// <param name="of">Appended to the heading, e.g. " (round 2 of 3)".</param>
    public static void WritePhase(TextWriter output, PhaseOutcome phase, string of = "")
    {
        var stats = phase.Stats;
        output.WriteLine();
        output.WriteLine($"== {phase.Name}{of}");
        if (phase.Warmup.Requests > 0)
        {
            output.WriteLine(Invariant($"warm-up (not measured): {phase.Warmup.Requests} requests, {phase.Warmup.Errors} errors"));
            WriteReasons(output, "warm-up error", phase.Warmup);
        }

        output.WriteLine(Invariant($"{stats.Requests} requests in {phase.Elapsed.TotalSeconds:0.0} s = {phase.PerSecond:0} requests/s, {stats.Errors} errors"));
        if (stats.Deferred > 0)
        {
            output.WriteLine(Invariant($"{stats.Deferred} replies came late: deferred by the bot and delivered by editing @original (their latency runs to the delivery)"));
        }

        if (phase.AnsweredPerSecond is { } answered)
        {
            output.WriteLine(Invariant($"{phase.Answered} questions answered = {answered:0} answered questions/s"));
        }

        if (phase.OpenLoop is { } open)
        {
            output.WriteLine(Invariant(
                $"open loop: {open.Sent} sends on schedule's clock; {open.Behind} left more than {OpenLoopRun.Tolerance.TotalMilliseconds:0} ms late (worst {open.MaxLag.TotalMilliseconds:0.0} ms): {open.SchedulerLate} by the generator's own lateness, {open.Behind - open.SchedulerLate} waiting for a member free of the bot's replies; latency counts from each intended start"));
            if (open.SchedulerCpu is { } scheduler && open.Sent > 0)
            {
                output.WriteLine(Invariant($"open-loop scheduler thread: {scheduler.TotalSeconds:0.00} s CPU = {scheduler.TotalMicroseconds / open.Sent:0.0} µs per send (its sleeps, and each send up to its first wait for the bot)"));
            }
        }

        foreach (var cpu in new[] { phase.ServerCpu, phase.ClientCpu })
        {
            if (cpu is not null)
            {
                output.WriteLine(CpuLine(cpu, stats.Requests, phase.Answered));
            }
        }

        if (phase.ClientRuntime is { } runtime)
        {
            output.WriteLine(RuntimeLine(runtime, stats.Requests));
        }

        output.WriteLine();
        output.WriteLine("| Kind    | Requests | Errors | p50      | p90      | p99      | max      |");
        output.WriteLine("|---------|---------:|-------:|---------:|---------:|---------:|---------:|");
        foreach (var kind in stats.Summaries().Append(stats.Overall()))
        {
            var name = kind.Kind?.ToString().ToLowerInvariant() ?? "all";
            output.WriteLine(Invariant($"| {name,-7} | {kind.Requests,8} | {kind.Errors,6} | {Ms(kind.P50)} | {Ms(kind.P90)} | {Ms(kind.P99)} | {Ms(kind.Max)} |"));
        }

        if (stats.PictureDeliveries() is { } pictures)
        {
            output.WriteLine(Invariant(
                $"picture replies (/stats, /leaderboard) delivered by their edit of @original: {pictures.Requests}, p50 {Ms(pictures.P50).Trim()}, p90 {Ms(pictures.P90).Trim()}, p99 {Ms(pictures.P99).Trim()}, max {Ms(pictures.Max).Trim()} from the intended start (the table's command row ends at the deferral)"));
        }

        WriteReasons(output, "error", stats);
    }

    /// <summary>A check's verdict and lines; <paramref name="whenNone"/> is said when there was nothing to check with.</summary>
    public static void WriteCheck(TextWriter output, string name, CheckResult? check, string? whenNone)
    {
        if (check is null)
        {
            if (whenNone is not null)
            {
                output.WriteLine();
                output.WriteLine($"{name}: {whenNone}");
            }

            return;
        }

        output.WriteLine();
        output.WriteLine($"{name}: {(check.Passed ? "PASS" : "FAIL")}");
        foreach (var line in check.Lines)
        {
            output.WriteLine("  " + line);
        }
    }

    private static void WriteReasons(TextWriter output, string label, LoadStats stats)
    {
        foreach (var (reason, count) in stats.ErrorReasons().Take(MaxListedReasons))
        {
            output.WriteLine(Invariant($"{label} x{count}: {reason}"));
        }
    }

    /// <summary>"CPU of bot process 12: 2.91 s in 30.0 s (0.10 cores busy) = 9.7 µs per request, 48.5 µs per answered question".</summary>
    internal static string CpuLine(CpuUse cpu, long requests, int? answered)
    {
        var line = Invariant($"CPU of {cpu.Of}: {cpu.Cpu.TotalSeconds:0.00} s in {cpu.Elapsed.TotalSeconds:0.0} s ({cpu.CoresBusy:0.00} cores busy)");
        if (cpu.MicrosecondsPer(requests) is { } perRequest)
        {
            line += Invariant($" = {perRequest:0.0} µs per request");
        }

        if (answered is { } count && cpu.MicrosecondsPer(count) is { } perAnswer)
        {
            line += Invariant($", {perAnswer:0.0} µs per answered question");
        }

        return line;
    }

    /// <summary>"load generator's runtime: 3.1 KB allocated per request; 12 collections (gen1 1, gen2 0), 6.0 ms paused in all, longest 0.9 ms; 4 methods JIT-compiled".</summary>
    internal static string RuntimeLine(ClientRuntimeUse runtime, long requests) =>
        Invariant($"load generator's runtime: {runtime.KilobytesPer(requests) ?? 0:0.00} KB allocated per request; {runtime.Collections} collections (gen1 {runtime.Gen1}, gen2 {runtime.Gen2}), {runtime.PauseTotal.TotalMilliseconds:0.0} ms paused in all, longest {runtime.LongestPause.TotalMilliseconds:0.0} ms; {runtime.MethodsCompiled} methods JIT-compiled");

    private static string Ms(TimeSpan latency) => Invariant($"{latency.TotalMilliseconds,5:0.0} ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
