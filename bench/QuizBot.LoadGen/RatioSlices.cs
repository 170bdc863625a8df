namespace QuizBot.LoadGen;

/// <summary>The two phases of the default run.</summary>
internal enum RatioPhase
{
    Ping,
    Quiz,
}

/// <summary>What one slice measured.</summary>
/// <param name="Count">PINGs answered (a PING slice) or questions answered (a quiz slice).</param>
/// <param name="BotCpu">The bot process's CPU time over the slice; null when it cannot be read.</param>
internal sealed record SliceMeasure(long Count, TimeSpan Elapsed, TimeSpan? BotCpu)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>The bot's CPU µs per PING or per answered question; null when unknown or nothing was counted.</summary>
    public double? BotMicrosecondsPer => BotCpu is { } cpu && Count > 0 ? cpu.TotalMicroseconds / Count : null;
}

/// <summary>One round: a PING slice and the quiz slice next to it in time (in either order).</summary>
internal sealed record RatioRound(int Number, RatioPhase First, SliceMeasure Ping, SliceMeasure Quiz)
{
    /// <summary>Answered questions/s ÷ PING/s.</summary>
    public double Ratio => Quiz.PerSecond / Ping.PerSecond;

    /// <summary>The bot's µs per PING ÷ its µs per answered question; null when the bot's CPU is not readable.</summary>
    public double? BotCpuRatio => Ping.BotMicrosecondsPer is { } ping && Quiz.BotMicrosecondsPer is { } quiz ? ping / quiz : null;
}

/// <summary>
/// The default run's measured part: PING and quiz in short slices, alternated many times, so that whatever else the
/// machine does hits both phases alike; each round is a PING slice and the quiz slice beside it. The order goes
/// PING, quiz, quiz, PING, PING, quiz… (ABBA): each phase comes first in half the rounds, so a steady drift or what a
/// phase leaves behind for the next one (a checkpoint, a collection) does not favour one of them, and two slices of
/// the same phase meet at every other switch, halving the switches.
/// </summary>
internal static class InterleavedSlices
{
    /// <summary>The slices of <paramref name="rounds"/> rounds in the order they run.</summary>
    public static IReadOnlyList<(int Round, RatioPhase Phase)> Order(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var order = new List<(int, RatioPhase)>(rounds * 2);
        for (var round = 1; round <= rounds; round++)
        {
            var first = round % 2 == 1 ? RatioPhase.Ping : RatioPhase.Quiz;
            order.Add((round, first));
            order.Add((round, Other(first)));
        }

        return order;
    }

    /// <summary>
    /// Runs the slices in <see cref="Order"/>, one at a time, and pairs each round's two; <paramref name="roundDone"/>
    /// hears of each round as soon as its second slice is measured.
    /// </summary>
    public static async Task<IReadOnlyList<RatioRound>> RunAsync(int rounds, Func<RatioPhase, Task<SliceMeasure>> slice, Func<RatioRound, Task>? roundDone = null)
    {
        var done = new List<RatioRound>(rounds);
        (RatioPhase Phase, SliceMeasure Measure)? first = null;
        foreach (var (round, phase) in Order(rounds))
        {
            var measured = await slice(phase);
            if (first is not { } earlier)
            {
                first = (phase, measured);
                continue;
            }

            var pair = earlier.Phase == RatioPhase.Ping
                ? new RatioRound(round, RatioPhase.Ping, earlier.Measure, measured)
                : new RatioRound(round, RatioPhase.Quiz, measured, earlier.Measure);
            first = null;
            done.Add(pair);
            if (roundDone is not null)
            {
                await roundDone(pair);
            }
        }

        return done;
    }

    /// <summary>All slices together: every answered question over every quiz second ÷ every PING over every PING second.</summary>
    public static double PooledRatio(IReadOnlyList<RatioRound> rounds) =>
        Total(rounds, r => r.Quiz).PerSecond / Total(rounds, r => r.Ping).PerSecond;

    /// <summary>All slices together, by the bot's CPU: µs per PING ÷ µs per answered question; null unless every slice has it.</summary>
    public static double? PooledBotCpuRatio(IReadOnlyList<RatioRound> rounds) =>
        Total(rounds, r => r.Ping).BotMicrosecondsPer is { } ping && Total(rounds, r => r.Quiz).BotMicrosecondsPer is { } quiz ? ping / quiz : null;

    /// <summary>One phase's slices added up; its CPU is null unless every slice has one.</summary>
    public static SliceMeasure Total(IEnumerable<RatioRound> rounds, Func<RatioRound, SliceMeasure> phase)
    {
        var slices = rounds.Select(phase).ToList();
        var cpu = slices.All(s => s.BotCpu is not null) ? slices.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.BotCpu!.Value) : (TimeSpan?)null;
        return new SliceMeasure(slices.Sum(s => s.Count), slices.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed), cpu);
    }

    private static RatioPhase Other(RatioPhase phase) => phase == RatioPhase.Ping ? RatioPhase.Quiz : RatioPhase.Ping;
}
