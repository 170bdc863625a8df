using System.Globalization;
using System.Runtime.InteropServices;

namespace QuizBot.LoadGen;

/// <summary>How one measured phase went.</summary>
/// <param name="Answered">Quiz answers the bot accepted during the measured part; null when the phase plays no quiz.</param>
/// <param name="OpenLoop">How the open loop kept to its schedule; null in the closed loop.</param>
/// <param name="ServerCpu">CPU time of the process that served the phase (the bot, or the peer); null when not measurable.</param>
/// <param name="ClientCpu">CPU time of this generator over the phase (with the bot inside it when --in-process).</param>
internal sealed record PhaseOutcome(string Name, LoadStats Stats, LoadStats Warmup, TimeSpan Elapsed, int? Answered, OpenLoopOutcome? OpenLoop)
{
    public CpuUse? ServerCpu { get; init; }

    public CpuUse? ClientCpu { get; init; }

    /// <summary>The generator's own allocations, collections and JIT over the phase (with the bot inside it when --in-process).</summary>
    public ClientRuntimeUse? ClientRuntime { get; init; }

    public double PerSecond => Stats.Requests / Elapsed.TotalSeconds;

    public double? AnsweredPerSecond => Answered / Elapsed.TotalSeconds;

    public bool HasErrors => Stats.Errors > 0 || Warmup.Errors > 0;
}

/// <summary>
/// One run of the generator: starts the bot (or takes the one at --url) and the REST sink, plays the scenario's
/// phases with one HTTP client and one signer, checks what was stored and delivered, prints the figures. Any error,
/// lost or doubled answer, or undelivered deferral makes the exit code 1; times never do.
/// </summary>
internal sealed class LoadSession(LoadOptions options, TextWriter output, TextWriter error, TimeProvider time)
{
    public const int SoakSampleEvery = 1_000;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DeliveryPatience = TimeSpan.FromSeconds(15);

    private readonly Figures figures = new();
    private readonly List<QuizMember> quizzers = [];
    private readonly List<StudyMember> students = [];
    private bool failed;

    public async Task<int> RunAsync()
    {
        using var signer = options.Layout == BotLayout.External ? RequestSigner.FromPrivateKeyHex(options.PrivateKeyHex!) : RequestSigner.Create();
        var deferred = new DeferredReplies();
        await using var sink = options.Layout == BotLayout.External ? null : await RestSink.StartAsync(deferred);
        var (bot, problem) = await StartBotAsync(signer.PublicKeyHex, sink?.ApiBaseUrl);
        if (bot is null)
        {
            await error.WriteLineAsync("The bot did not start: " + problem);
            return LoadCommand.FailedExitCode;
        }

        await using (bot)
        {
            await output.WriteLineAsync($"QuizBot load: {Describe()} against {bot.Description}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{RuntimeInformation.FrameworkDescription}, SQLite {SqliteVersion()}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}; signing with public key {signer.PublicKeyHex}"));
            figures.Add("runtime", RuntimeInformation.FrameworkDescription);
            figures.Add("sqlite_version", SqliteVersion());
            if (bot.StartToReady is { } ready)
            {
                await output.WriteLineAsync(Invariant($"bot process start -> /healthz/ready: {ready.TotalMilliseconds:0} ms"));
                figures.Add("start_to_ready_ms", ready);
            }

            using var http = new LoadHttpClient(TimeSpan.FromSeconds(30));
            using var blockingHttp = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking: true);
            var picker = new UrlPicker(bot.InteractionsUrls, new Random(options.Seed));
            var server = bot.ProcessId is { } id ? new ServerProcess(id, $"bot process {id}") : null;
            var context = new PhaseContext(http, blockingHttp, signer, bot.DeliversToSink ? deferred : null, server, ClientName(bot), bot is InProcessBot);
            await PlayAsync(context, picker, bot);

            // Deferred replies whose edits are still on their way get a moment; then every one must have arrived, once.
            CheckResult? delivery = null;
            if (bot.DeliversToSink && quizzers.Count > 0)
            {
                await deferred.WaitForDeliveriesAsync(DeliveryPatience, time);
                delivery = deferred.Check();
            }

            var stored = bot.Store is { } store && (quizzers.Count > 0 || students.Count > 0)
                ? StoredAnswerCheck.Run(store, Scope, quizzers, students)
                : null;
            LoadReport.WriteCheck(output, "stored answers", stored, quizzers.Count > 0 || students.Count > 0
                ? "not checked (give --database or --postgres with --url to check a bot started elsewhere)"
                : null);
            LoadReport.WriteCheck(output, "deferred replies", delivery, null);
            failed |= stored?.Passed == false || delivery?.Passed == false;
            if (bot is BotProcess { Output.Count: > 0 } process)
            {
                await output.WriteLineAsync($"the bot printed (last {process.Output.Count} lines; it logs warnings and errors only):");
                foreach (var line in process.Output)
                {
                    await output.WriteLineAsync("  " + line);
                }
            }
        }

        if (bot is BotProcess { ExitCode: not 0 } stopped)
        {
            await output.WriteLineAsync($"the bot process exited with code {stopped.ExitCode} when stopped with SIGTERM (a clean shutdown exits 0)");
            failed = true;
        }

        figures.Write(output);
        if (options.FiguresFile is { } file)
        {
            figures.AppendTo(file);
        }

        await output.WriteLineAsync(failed ? "RESULT: FAIL" : "RESULT: PASS");
        return failed ? LoadCommand.FailedExitCode : 0;
    }

    // A guild of its own each run, so a bot that already holds data (or an earlier run) does not blur the check.
    private ulong GuildId { get; } = 800_000_000_000_000_000UL + (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();

    private string Scope => GuildId.ToString(CultureInfo.InvariantCulture);

    private async Task PlayAsync(PhaseContext context, UrlPicker picker, BotUnderTest bot)
    {
        switch (options.Scenario)
        {
            case Scenario.PingThenQuiz when options.Quizzes is null:
                await RatioAsync(context, picker);
                break;
            case Scenario.Ping:
                await PeerAsync(context, await PingAsync(context, picker, "PING"));
                break;
            case Scenario.Study:
                await PhaseAsync(context, picker, "study", StudyMembers(options.Members));
                break;
            case Scenario.Mixed:
                // Two in three members quiz, one in three studies flashcards, in the same guild at the same time.
                var studying = options.Members / 3;
                await PhaseAsync(context, picker, "mixed", [.. QuizMembers(options.Members - studying), .. StudyMembers(studying)]);
                break;
            case Scenario.Quiz when options.Quizzes is null:
                await PhaseAsync(context, picker, "quiz", QuizMembers());
                break;
            default:
                await SoakAsync(context, picker, bot, options.Quizzes!.Value);
                break;
        }
    }

    /// <summary>
    /// The default run: a warm-up of each phase, then <see cref="LoadOptions.Rounds"/> rounds of a short PING slice and a
    /// short quiz slice, interleaved (<see cref="InterleavedSlices"/>), against the same bot process with the same client.
    /// Whatever else the machine does over a few seconds then hits both phases alike; each round gives a ratio
    /// answered questions/s ÷ PING/s, and the run's ratio is their median, printed with its quartiles and extremes,
    /// beside the ratio of all slices together and the same ratio by the bot's CPU time. The quiz members carry on
    /// from slice to slice, and the database grows through the run from a fresh file, as it did with whole phases:
    /// every run plays the same schedule, so the growth is the same in each, and the report shows what it costs (the
    /// bot's CPU per answered question in the first and the second half of the rounds). The peer, when asked for,
    /// runs after the last round.
    /// </summary>
    private async Task RatioAsync(PhaseContext context, UrlPicker picker)
    {
        var quizMembers = QuizMembers(staggered: true);
        var ping = new SliceTotals("PING", PingMembers());
        var quiz = new SliceTotals("quiz", quizMembers);
        foreach (var phase in new[] { ping, quiz })
        {
            if (options.Warmup > TimeSpan.Zero)
            {
                await DriveAsync(phase.Members, context.Sender(picker, phase.Warmup, time, blocking: true), options.Warmup, onOwnThreads: true);
            }
        }

        var slice = options.Slice;
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"== {options.Rounds} rounds of a {slice.TotalSeconds:0.0##} s PING slice and a {slice.TotalSeconds:0.0##} s quiz slice, interleaved"));
        var rounds = await InterleavedSlices.RunAsync(
            options.Rounds,
            phase => SliceAsync(context, picker, phase == RatioPhase.Ping ? ping : quiz, slice),
            round => output.WriteLineAsync(RoundLine(round, options.Rounds)));

        var pingOutcome = ping.Outcome();
        var quizOutcome = quiz.Outcome();
        LoadReport.WritePhase(output, pingOutcome, Invariant($" ({options.Rounds} slices of {slice.TotalSeconds:0.0##} s, interleaved with the quiz's)"));
        LoadReport.WritePhase(output, quizOutcome, Invariant($" ({options.Rounds} slices of {slice.TotalSeconds:0.0##} s, interleaved with PING's)"));
        failed |= pingOutcome.HasErrors || quizOutcome.HasErrors;
        AddPhaseFigures(pingOutcome, null);
        AddPhaseFigures(quizOutcome, null);
        await ReportRatioAsync(rounds, pingOutcome, quizOutcome);
        await PeerAsync(context, pingOutcome);
    }

    /// <summary>The ratio's lines and figures: the rounds' median with its spread, all slices together, by the bot's CPU, and the database's growth.</summary>
    private async Task ReportRatioAsync(IReadOnlyList<RatioRound> rounds, PhaseOutcome ping, PhaseOutcome quiz)
    {
        var spread = RatioSpread.Of([.. rounds.Select(r => r.Ratio)]);
        var pooled = InterleavedSlices.PooledRatio(rounds);
        var pingTotal = InterleavedSlices.Total(rounds, r => r.Ping);
        var quizTotal = InterleavedSlices.Total(rounds, r => r.Quiz);
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant(
            $"answered questions/s ÷ PING/s over {rounds.Count} rounds of interleaved slices (same client, same bot process): all slices together {quizTotal.PerSecond:0} ÷ {pingTotal.PerSecond:0} = {pooled:0.000}; the rounds' median {spread.Median:0.000} (quartiles {spread.LowerQuartile:0.000}–{spread.UpperQuartile:0.000}, {spread.QuartilesPercent:0.0}% of the median; min {spread.Min:0.000}, max {spread.Max:0.000}, {spread.RangePercent:0.0}%)"));
        figures.Add("ratio_answered_per_ping", pooled, "0.000");
        figures.Add("ratio_rounds", rounds.Count, "0");
        figures.Add("ratio_median", spread.Median, "0.000");
        figures.Add("ratio_q1", spread.LowerQuartile, "0.000");
        figures.Add("ratio_q3", spread.UpperQuartile, "0.000");
        figures.Add("ratio_min", spread.Min, "0.000");
        figures.Add("ratio_max", spread.Max, "0.000");
        figures.Add("ratio_iqr_pct", spread.QuartilesPercent, "0.0");
        figures.Add("ratio_spread_pct", spread.RangePercent, "0.0");

        // The same ratio by CPU time instead of wall time: what the bot alone spends, which moves far less than
        // requests/s when other work shares the cores.
        if (InterleavedSlices.PooledBotCpuRatio(rounds) is { } byCpu && rounds.All(r => r.BotCpuRatio is not null))
        {
            var cpuSpread = RatioSpread.Of([.. rounds.Select(r => r.BotCpuRatio!.Value)]);
            await output.WriteLineAsync(Invariant(
                $"by the bot's CPU, µs per PING ÷ µs per answered question: all slices together {pingTotal.BotMicrosecondsPer:0.0} ÷ {quizTotal.BotMicrosecondsPer:0.0} = {byCpu:0.000}; rounds' median {cpuSpread.Median:0.000} (quartiles {cpuSpread.LowerQuartile:0.000}–{cpuSpread.UpperQuartile:0.000}, min {cpuSpread.Min:0.000}, max {cpuSpread.Max:0.000})"));
            figures.Add("ratio_by_bot_cpu", byCpu, "0.000");
            figures.Add("ratio_by_bot_cpu_median", cpuSpread.Median, "0.000");
        }

        // The bot and the load tool share the cores, so their CPU together is what one PING and one answered question
        // take of the machine. answered/s ÷ PING/s is exactly that ratio times the cores each phase kept busy (quiz ÷
        // PING): the second factor is the one a busy machine moves, as the quiz waits on its one writer and gives
        // up cores a PING phase would have used.
        if (ping is { ServerCpu: { } pingBot, ClientCpu: { } pingClient } && quiz is { ServerCpu: { } quizBot, ClientCpu: { } quizClient, Answered: > 0 } && ping.Stats.Requests > 0)
        {
            var perPing = (pingBot.Cpu + pingClient.Cpu).TotalMicroseconds / ping.Stats.Requests;
            var perAnswer = (quizBot.Cpu + quizClient.Cpu).TotalMicroseconds / quiz.Answered.Value;
            var pingCores = pingBot.CoresBusy + pingClient.CoresBusy;
            var quizCores = quizBot.CoresBusy + quizClient.CoresBusy;
            await output.WriteLineAsync(Invariant(
                $"by the CPU of the bot and the load tool together: {perPing:0.0} µs per PING ÷ {perAnswer:0.0} µs per answered question = {perPing / perAnswer:0.000}; cores they kept busy: PING {pingCores:0.00}, quiz {quizCores:0.00}; {perPing / perAnswer:0.000} × {quizCores:0.00} ÷ {pingCores:0.00} = {perPing / perAnswer * quizCores / pingCores:0.000}, all slices' answered/s ÷ PING/s"));
            figures.Add("ratio_by_cpu", perPing / perAnswer, "0.000");
            figures.Add("ping_cores_busy", pingCores, "0.00");
            figures.Add("quiz_cores_busy", quizCores, "0.00");
        }

        // The database is fresh at the start and grows with every answer: the quiz's cost in the first half of the
        // rounds against the second says whether that growth moves the figure.
        if (rounds.Count >= 2
            && InterleavedSlices.Total(rounds.Take(rounds.Count / 2), r => r.Quiz).BotMicrosecondsPer is { } early
            && InterleavedSlices.Total(rounds.Skip(rounds.Count - (rounds.Count / 2)), r => r.Quiz).BotMicrosecondsPer is { } late)
        {
            await output.WriteLineAsync(Invariant(
                $"the database grows through the run (a fresh file, {quizzers.Sum(m => m.AcceptedAnswers)} answers at the end): the bot's CPU per answered question {early:0} µs in the first half of the rounds, {late:0} µs in the second ({(late - early) / early * 100:+0;-0}%)"));
            figures.Add("quiz_cpu_us_per_answered_first_half", early, "0.0");
            figures.Add("quiz_cpu_us_per_answered_second_half", late, "0.0");
        }
    }

    /// <summary>"  round  3 (quiz first): PING 19080/s, 1382 answered/s = 0.072; bot µs per PING 79.8 ÷ per answered question 1013.0 = 0.079".</summary>
    internal static string RoundLine(RatioRound round, int of)
    {
        var line = Invariant($"  round {round.Number.ToString(CultureInfo.InvariantCulture).PadLeft(of.ToString(CultureInfo.InvariantCulture).Length)} of {of} ({(round.First == RatioPhase.Ping ? "PING" : "quiz")} first): {round.Ping.PerSecond:0} PING/s, {round.Quiz.PerSecond:0} answered/s = {round.Ratio:0.000}");
        return round.BotCpuRatio is { } byCpu
            ? line + Invariant($"; bot µs per PING {round.Ping.BotMicrosecondsPer:0.0} ÷ per answered question {round.Quiz.BotMicrosecondsPer:0.0} = {byCpu:0.000}")
            : line;
    }

    /// <summary>One measured slice of a phase of the default run, added to that phase's totals.</summary>
    private async Task<SliceMeasure> SliceAsync(PhaseContext context, UrlPicker picker, SliceTotals phase, TimeSpan length)
    {
        int Answered() => quizzers.Sum(m => m.AcceptedAnswers);
        var requestsBefore = phase.Stats.Requests;
        var answeredBefore = Answered();
        TimeSpan elapsed;
        (CpuUse? Server, CpuUse? Client) used;
        ClientRuntimeUse runtime;
        using (var meter = new ClientRuntimeMeter())
        {
            using (new MeasuredGcMode(apply: !context.BotInside))
            {
                var cpu = context.StartCpu();
                elapsed = (await DriveAsync(phase.Members, context.Sender(picker, phase.Stats, time, blocking: true), length, onOwnThreads: true)).Elapsed;
                used = await StopCpuAsync(context, cpu, elapsed);
            }

            runtime = meter.Stop();
        }

        var answered = Answered() - answeredBefore;
        phase.Add(elapsed, used.Server, used.Client, runtime, answered);
        return new SliceMeasure(phase.PlaysQuiz ? answered : phase.Stats.Requests - requestsBefore, elapsed, used.Server?.Cpu);
    }

    private async Task<PhaseOutcome> PingAsync(PhaseContext context, UrlPicker picker, string name) =>
        await PhaseAsync(context, picker, name, PingMembers());

    private List<IVirtualMember> PingMembers() => [.. Enumerable.Range(0, options.Members).Select(_ => new PingMember())];

    private async Task PeerAsync(PhaseContext context, PhaseOutcome bot)
    {
        if (!options.Peer)
        {
            return;
        }

        var (peer, problem) = await PeerServer.StartAsync(context.Signer.PublicKeyHex, time);
        if (peer is null)
        {
            await error.WriteLineAsync("The peer did not start: " + problem);
            failed = true;
            return;
        }

        await using (peer)
        {
            var peerContext = context with { Deferred = null, Server = new ServerProcess(peer.ProcessId, $"peer process {peer.ProcessId} (node)") };
            var reference = await PingAsync(peerContext, new UrlPicker([peer.InteractionsUrl], new Random(options.Seed)), "PING (discord-interactions + Express)");
            var times = bot.PerSecond / reference.PerSecond;
            await output.WriteLineAsync(Invariant($"PING/s: QuizBot {bot.PerSecond:0}{(options.Scenario == Scenario.PingThenQuiz ? " (all its PING slices)" : "")}, discord-interactions + Express {reference.PerSecond:0}: {times:0.00}x"));
            figures.Add("ping_vs_peer", times, "0.00");
        }
    }

    private async Task<PhaseOutcome> PhaseAsync(PhaseContext context, UrlPicker picker, string name, IReadOnlyList<IVirtualMember> members)
    {
        // Every closed loop (PING for the bot and the peer, and the quiz after it) runs on threads of its own with the
        // blocking client: the least client CPU per request (bench/STAGES.md, "PING path"), and the ratio's two phases
        // keep one client. The open loop stays on the asynchronous client: its senders must not wait for replies.
        var blocking = options.Rate is null;
        var warmup = new LoadStats();
        if (options.Warmup > TimeSpan.Zero)
        {
            await DriveAsync(members, context.Sender(picker, warmup, time, blocking), options.Warmup, blocking);
        }

        var stats = new LoadStats();
        int Answered() => quizzers.Sum(m => m.AcceptedAnswers);
        var answeredBefore = Answered();
        using var stopProgress = new CancellationTokenSource();
        var progress = ProgressPrinter.RunAsync(stats, time, ProgressEvery, output, stopProgress.Token);
        (TimeSpan Elapsed, OpenLoopOutcome? OpenLoop) driven;
        (CpuUse? Server, CpuUse? Client) used;
        ClientRuntimeUse runtime;
        using (var meter = new ClientRuntimeMeter())
        {
            using (new MeasuredGcMode(apply: !context.BotInside))
            {
                var cpu = context.StartCpu();
                driven = await DriveAsync(members, context.Sender(picker, stats, time, blocking), options.Duration, blocking);
                await stopProgress.CancelAsync();
                await progress;
                used = await StopCpuAsync(context, cpu, driven.Elapsed);
            }

            runtime = meter.Stop();
        }

        var (elapsed, openLoop) = driven;
        var (serverCpu, clientCpu) = used;

        var playsQuiz = members.Any(m => m is QuizMember);
        var outcome = new PhaseOutcome(name, stats, warmup, elapsed, playsQuiz ? Answered() - answeredBefore : null, openLoop)
        {
            ServerCpu = serverCpu,
            ClientCpu = clientCpu,
            ClientRuntime = runtime,
        };
        LoadReport.WritePhase(output, outcome);
        failed |= outcome.HasErrors;
        AddPhaseFigures(outcome, openLoop);

        return outcome;
    }

    /// <summary>A phase's figures under its prefix: CPU, and throughput or the open loop's percentiles.</summary>
    private void AddPhaseFigures(PhaseOutcome outcome, OpenLoopOutcome? openLoop)
    {
        var key = outcome.Name.ToLowerInvariant();
        AddCpuFigures(FigurePrefix(outcome.Name, openLoop is not null), outcome);
        if (openLoop is not null)
        {
            var overall = outcome.Stats.Overall();
            figures.Add($"{key}_open_rate", options.Rate!.Value, "0");
            figures.Add($"{key}_open_p50_ms", overall.P50);
            figures.Add($"{key}_open_p90_ms", overall.P90);
            figures.Add($"{key}_open_p99_ms", overall.P99);
            figures.Add($"{key}_open_max_ms", overall.Max);
            figures.Add($"{key}_open_behind", openLoop.Behind, "0");
            figures.Add($"{key}_open_behind_scheduler", openLoop.SchedulerLate, "0");
            figures.Add($"{key}_open_sent", openLoop.Sent, "0");
        }
        else if (key == "ping" || key.StartsWith("ping (", StringComparison.Ordinal))
        {
            var prefix = key == "ping" ? "ping" : "peer_ping";
            figures.Add($"{prefix}_per_s", outcome.PerSecond, "0");
            figures.Add($"{prefix}_p99_ms", outcome.Stats.Overall().P99);
        }
        else
        {
            figures.Add($"{key}_interactions_per_s", outcome.PerSecond, "0");
            if (outcome.AnsweredPerSecond is { } answered)
            {
                figures.Add($"{key}_answered_per_s", answered, "0");
            }
        }
    }

    /// <summary>The closed loop at --concurrency, or the open loop at --rate, for <paramref name="duration"/>.</summary>
    private async Task<(TimeSpan Elapsed, OpenLoopOutcome? OpenLoop)> DriveAsync(IReadOnlyList<IVirtualMember> members, InteractionSender sender, TimeSpan duration, bool onOwnThreads)
    {
        if (options.Rate is { } rate)
        {
            var outcome = await OpenLoopRun.RunAsync(members, (member, intendedAt) => member.StepAsync(sender, intendedAt), new OpenLoopSchedule(rate), duration, time);
            return (outcome.Elapsed, outcome);
        }

        return (await LoadRun.RunAsync(members, sender, options.Concurrency, LoadRun.For(duration, time), time, onOwnThreads), null);
    }

    /// <summary>Plays <paramref name="target"/> complete quizzes from a fresh start, with the bot's memory every 1,000.</summary>
    private async Task SoakAsync(PhaseContext context, UrlPicker picker, BotUnderTest bot, int target)
    {
        var samples = new List<(int Quizzes, TimeSpan At, long? Bytes)>();
        var finished = 0;
        var started = time.GetTimestamp();
        string? of = null;
        void QuizFinished()
        {
            var count = Interlocked.Increment(ref finished);
            if (count % SoakSampleEvery == 0 || count == target)
            {
                var rss = bot.ResidentMemory();
                of ??= rss?.Of;
                var at = time.GetElapsedTime(started);
                lock (samples)
                {
                    samples.Add((count, at, rss?.Bytes));
                }

                output.WriteLine(Invariant($"  {count,6} quizzes  {at.TotalSeconds,6:0.0} s  resident memory {Megabytes(rss?.Bytes)}"));
            }
        }

        var members = QuizMembers(options.Members, QuizFinished);
        await output.WriteLineAsync(Invariant($"soak: {target} complete quizzes, resident memory of the {(bot is BotProcess ? "bot process" : "bot")} every {SoakSampleEvery}"));
        var stats = new LoadStats();
        var cpu = context.StartCpu();
        var elapsed = await LoadRun.RunAsync(members, context.Sender(picker, stats, time), options.Concurrency, () => Volatile.Read(ref finished) >= target, time);
        var (serverCpu, clientCpu) = await StopCpuAsync(context, cpu, elapsed);
        var outcome = new PhaseOutcome("soak", stats, new LoadStats(), elapsed, quizzers.Sum(m => m.AcceptedAnswers), null)
        {
            ServerCpu = serverCpu,
            ClientCpu = clientCpu,
        };
        LoadReport.WritePhase(output, outcome);
        failed |= outcome.HasErrors;
        AddCpuFigures("soak", outcome);
        figures.Add("soak_quizzes", target, "0");
        figures.Add("soak_seconds", elapsed.TotalSeconds, "0");
        if (samples.Count == 0 || samples[^1].Bytes is not { } last)
        {
            await output.WriteLineAsync("resident memory: not readable (/proc is Linux only; with --url the bot is not ours to read)");
            return;
        }

        figures.Add("soak_rss_end_mb", last / 1048576.0, "0.0");
        var half = samples.FirstOrDefault(s => s.Quizzes >= target / 2);
        var span = target - half.Quizzes;
        if (half.Bytes is { } middle && span > 0)
        {
            await output.WriteLineAsync(Invariant($"resident memory ({of}): {Megabytes(last)} after {target} quizzes; {(last - middle) / 1048576.0:+0.0;-0.0} MB over the last {span}"));
            figures.Add("soak_rss_growth_mb", (last - middle) / 1048576.0, "0.0");
            figures.Add("soak_rss_growth_over_quizzes", span, "0");
        }
    }

    /// <param name="staggered">First quizzes of 1 to <see cref="QuizMember.QuizLength"/> questions, so the members are spread over the quiz's cycle (the default run's short slices).</param>
    private List<IVirtualMember> QuizMembers(int? count = null, Action? quizFinished = null, bool staggered = false)
    {
        var members = Enumerable.Range(1, count ?? options.Members)
            .Select(i => new QuizMember(
                new DiscordMember(GuildId, 700_000_000_000_000_000UL + (ulong)i, $"Member{i}"),
                new Random(options.Seed + i),
                quizFinished,
                staggered ? 1 + (i % QuizMember.QuizLength) : QuizMember.QuizLength))
            .ToList();
        quizzers.AddRange(members);
        return [.. members];
    }

    private List<IVirtualMember> StudyMembers(int count)
    {
        var members = Enumerable.Range(1, count)
            .Select(i => new StudyMember(GuildId, 710_000_000_000_000_000UL + (ulong)i, new Random(options.Seed + 100_000 + i)))
            .ToList();
        students.AddRange(members);
        return [.. members];
    }

    private async Task<(BotUnderTest? Bot, string Error)> StartBotAsync(string publicKeyHex, Uri? restBaseUrl)
    {
        switch (options.Layout)
        {
            case BotLayout.External:
                var store = options.SqlitePath is not null || options.PostgresConnectionString is not null
                    ? new AnswerStore(options.SqlitePath, options.PostgresConnectionString)
                    : null;
                return (new ExternalBot(options.ExternalUrls, store), "");
            case BotLayout.InProcess:
                return await InProcessBot.StartAsync(publicKeyHex, restBaseUrl!, options.BotSettingPairs);
            default:
                return await BotProcess.StartAsync(publicKeyHex, restBaseUrl!, options.BotSettingPairs, time, options.BotBuild);
        }
    }

    private string Describe()
    {
        var ratio = options.Quizzes is null && options.Scenario == Scenario.PingThenQuiz;
        var scenario = options.Quizzes is { } quizzes
            ? $"soak of {quizzes} quizzes"
            : ratio ? "PING and quiz interleaved" : options.Scenario.ToString().ToLowerInvariant();
        var load = options.Rate is { } rate ? $"open loop at {rate}/s" : $"closed loop, concurrency {options.Concurrency}";
        var timing = options.Quizzes is not null ? ""
            : ratio ? Invariant($", {options.Warmup.TotalSeconds:0} s warm-up per phase, then {options.Rounds} rounds of a {options.Slice.TotalSeconds:0.0##} s PING slice and a {options.Slice.TotalSeconds:0.0##} s quiz slice ({options.Duration.TotalSeconds:0} s measured per phase)")
            : Invariant($", {options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured per phase");
        return $"{scenario}, {options.Members} members, {load}{timing},";
    }

    /// <summary>The SQLite library the bot runs on (bundled with Microsoft.Data.Sqlite, the same build in this process).</summary>
    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return command.ExecuteScalar() as string ?? "unknown";
    }

    private static string Megabytes(long? bytes) => bytes is { } b ? Invariant($"{b / 1048576.0:0.0} MB") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The CPU both sides used over a measured phase. Deferred replies of the phase are waited for first (a picture
    /// drawn after its deferral is part of the work), so the end reading comes after the bot's last piece of it.
    /// </summary>
    private async Task<(CpuUse? Server, CpuUse? Client)> StopCpuAsync(PhaseContext context, (CpuMeter? Server, CpuMeter? Client) cpu, TimeSpan elapsed)
    {
        if (context.Deferred is { } deferred && cpu.Server is not null)
        {
            await deferred.WaitForDeliveriesAsync(DeliveryPatience, time);
        }

        return (cpu.Server?.Stop(elapsed), cpu.Client?.Stop(elapsed));
    }

    /// <summary>The CPU figures of a phase: µs per request for the server and for this generator, and per answered question.</summary>
    private void AddCpuFigures(string prefix, PhaseOutcome outcome)
    {
        foreach (var (use, who) in new[] { (outcome.ServerCpu, ""), (outcome.ClientCpu, "client_") })
        {
            if (use?.MicrosecondsPer(outcome.Stats.Requests) is { } perRequest)
            {
                figures.Add($"{prefix}_{who}cpu_us_per_request", perRequest, "0.0");
            }

            if (outcome.Answered is { } answered && use?.MicrosecondsPer(answered) is { } perAnswer)
            {
                figures.Add($"{prefix}_{who}cpu_us_per_answered", perAnswer, "0.0");
            }
        }

        if (outcome.ClientRuntime is { } runtime)
        {
            if (runtime.KilobytesPer(outcome.Stats.Requests) is { } kilobytes)
            {
                figures.Add($"{prefix}_client_alloc_kb_per_request", kilobytes, "0.00");
            }

            figures.Add($"{prefix}_client_gc_count", runtime.Collections, "0");
            figures.Add($"{prefix}_client_gc_pause_ms", runtime.PauseTotal);
            figures.Add($"{prefix}_client_gc_longest_pause_ms", runtime.LongestPause);
        }
    }

    /// <summary>The name a phase's figures start with: "ping", "peer_ping", "quiz", "quiz_open" (open loop), "study", "mixed".</summary>
    internal static string FigurePrefix(string phaseName, bool openLoop)
    {
        var prefix = phaseName.StartsWith("PING (", StringComparison.Ordinal) ? "peer_ping" : phaseName.ToLowerInvariant();
        return openLoop ? prefix + "_open" : prefix;
    }

    private static string ClientName(BotUnderTest bot) =>
        bot is InProcessBot ? $"load generator {Environment.ProcessId} (with the bot inside)" : $"load generator {Environment.ProcessId}";

    /// <summary>One phase of the default run over all its slices: requests, warm-up, time, CPU and runtime added up.</summary>
    private sealed class SliceTotals(string name, IReadOnlyList<IVirtualMember> members)
    {
        private TimeSpan elapsed;
        private (CpuUse? Sum, bool Unread) server;
        private (CpuUse? Sum, bool Unread) client;
        private ClientRuntimeUse? runtime;
        private int answered;

        public IReadOnlyList<IVirtualMember> Members => members;

        public bool PlaysQuiz { get; } = members.Any(m => m is QuizMember);

        public LoadStats Stats { get; } = new();

        public LoadStats Warmup { get; } = new();

        public void Add(TimeSpan sliceElapsed, CpuUse? sliceServer, CpuUse? sliceClient, ClientRuntimeUse sliceRuntime, int sliceAnswered)
        {
            elapsed += sliceElapsed;
            server = Plus(server, sliceServer);
            client = Plus(client, sliceClient);
            runtime = runtime?.Plus(sliceRuntime) ?? sliceRuntime;
            answered += sliceAnswered;
        }

        public PhaseOutcome Outcome() => new(name, Stats, Warmup, elapsed, PlaysQuiz ? answered : null, null)
        {
            ServerCpu = server.Unread ? null : server.Sum,
            ClientCpu = client.Unread ? null : client.Sum,
            ClientRuntime = runtime,
        };

        // A phase's CPU is only known when every one of its slices could be read.
        private static (CpuUse? Sum, bool Unread) Plus((CpuUse? Sum, bool Unread) total, CpuUse? slice) =>
            slice is null || total.Unread ? (null, true) : (total.Sum?.Plus(slice) ?? slice, false);
    }

    /// <summary>The OS process that serves a phase, for its CPU time.</summary>
    private sealed record ServerProcess(int Id, string Name);

    /// <summary>What every phase shares: one HTTP client, one signer, one record of deferred replies; whose CPU to measure.</summary>
    /// <param name="BotInside">The bot runs in this process (--in-process): the generator's runtime settings are then the bot's too.</param>
    private sealed record PhaseContext(LoadHttpClient Http, LoadHttpClient BlockingHttp, RequestSigner Signer, DeferredReplies? Deferred, ServerProcess? Server, string ClientName, bool BotInside)
    {
        /// <param name="blocking">With the blocking client: only for workers on threads of their own (<see cref="LoadRun"/>).</param>
        public InteractionSender Sender(UrlPicker picker, LoadStats stats, TimeProvider time, bool blocking = false) =>
            new(blocking ? BlockingHttp : Http, Signer, picker, stats, time, Deferred);

        public (CpuMeter? Server, CpuMeter? Client) StartCpu() =>
            (CpuUse.Start(Server?.Name ?? "", Server?.Id), CpuUse.Start(ClientName, Environment.ProcessId));
    }
}
