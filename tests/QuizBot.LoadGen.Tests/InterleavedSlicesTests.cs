namespace QuizBot.LoadGen.Tests;

public sealed class InterleavedSlicesTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Rounds_alternate_which_phase_comes_first_and_keep_their_two_slices_side_by_side()
    {
        var order = InterleavedSlices.Order(4);

        Assert.Equal(
            [(1, RatioPhase.Ping), (1, RatioPhase.Quiz), (2, RatioPhase.Quiz), (2, RatioPhase.Ping), (3, RatioPhase.Ping), (3, RatioPhase.Quiz), (4, RatioPhase.Quiz), (4, RatioPhase.Ping)],
            order);
        Assert.Equal([(1, RatioPhase.Ping), (1, RatioPhase.Quiz)], InterleavedSlices.Order(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => InterleavedSlices.Order(0));
    }

    [Fact]
    public async Task The_run_measures_each_slice_in_order_and_pairs_each_round_by_phase_not_by_position()
    {
        var asked = new List<RatioPhase>();
        var heard = new List<int>();
        var pings = 0L;
        var answers = 0L;

        // A PING slice counts 1000, 2000, …; a quiz slice 10, 20, …: a round paired the wrong way round would show it.
        var rounds = await InterleavedSlices.RunAsync(
            3,
            phase =>
            {
                asked.Add(phase);
                var count = phase == RatioPhase.Ping ? 1000 * ++pings : 10 * ++answers;
                return Task.FromResult(new SliceMeasure(count, Second, Second));
            },
            round =>
            {
                // Each round is told as soon as its second slice is measured, before the next slice starts.
                Assert.Equal(round.Number * 2, asked.Count);
                heard.Add(round.Number);
                return Task.CompletedTask;
            });

        Assert.Equal([RatioPhase.Ping, RatioPhase.Quiz, RatioPhase.Quiz, RatioPhase.Ping, RatioPhase.Ping, RatioPhase.Quiz], asked);
        Assert.Equal([1, 2, 3], heard);
        Assert.Equal([1000L, 2000, 3000], rounds.Select(r => r.Ping.Count));
        Assert.Equal([10L, 20, 30], rounds.Select(r => r.Quiz.Count));
        Assert.Equal([RatioPhase.Ping, RatioPhase.Quiz, RatioPhase.Ping], rounds.Select(r => r.First));
        Assert.All(rounds, r => Assert.Equal(0.01, r.Ratio, 12));
    }

    [Fact]
    public async Task A_slice_that_fails_stops_the_run_with_its_failure()
    {
        var slices = 0;
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => InterleavedSlices.RunAsync(
            5,
            _ => ++slices == 3 ? throw new InvalidOperationException("the bot is gone") : Task.FromResult(new SliceMeasure(1, Second, null))));

        Assert.Equal("the bot is gone", failure.Message);
        Assert.Equal(3, slices);
    }

    [Fact]
    public void A_round_gives_its_ratio_by_rate_and_by_the_bots_cpu()
    {
        // 20,000 PINGs in 2 s at 1.6 s of bot CPU (80 µs each); 1,200 answers in 1 s at 1.2 s (1,000 µs each).
        var round = new RatioRound(1, RatioPhase.Ping, new SliceMeasure(20_000, 2 * Second, TimeSpan.FromSeconds(1.6)), new SliceMeasure(1_200, Second, TimeSpan.FromSeconds(1.2)));

        Assert.Equal(1_200.0 / 10_000, round.Ratio, 12);
        Assert.Equal(80.0 / 1_000, round.BotCpuRatio!.Value, 12);
        Assert.Null((round with { Quiz = round.Quiz with { BotCpu = null } }).BotCpuRatio);
        Assert.Null((round with { Quiz = round.Quiz with { Count = 0 } }).BotCpuRatio);
    }

    [Fact]
    public void All_slices_together_weigh_each_slice_by_its_time_and_its_count()
    {
        RatioRound[] rounds =
        [
            new(1, RatioPhase.Ping, new SliceMeasure(10_000, Second, TimeSpan.FromSeconds(0.8)), new SliceMeasure(1_000, Second, TimeSpan.FromSeconds(1.0))),
            new(2, RatioPhase.Quiz, new SliceMeasure(30_000, 3 * Second, TimeSpan.FromSeconds(3.2)), new SliceMeasure(500, Second, TimeSpan.FromSeconds(1.0))),
        ];

        // 1,500 answers in 2 s ÷ 40,000 PINGs in 4 s; bot 100 µs per PING ÷ 1,333.3 µs per answer.
        Assert.Equal(750.0 / 10_000, InterleavedSlices.PooledRatio(rounds), 12);
        Assert.Equal(100.0 / (2e6 / 1_500), InterleavedSlices.PooledBotCpuRatio(rounds)!.Value, 12);
        var quiz = InterleavedSlices.Total(rounds, r => r.Quiz);
        Assert.Equal((1_500L, 2 * Second, TimeSpan.FromSeconds(2.0)), (quiz.Count, quiz.Elapsed, quiz.BotCpu));
    }

    [Fact]
    public void The_cpu_of_all_slices_is_unknown_when_one_slice_could_not_be_read()
    {
        RatioRound[] rounds =
        [
            new(1, RatioPhase.Ping, new SliceMeasure(10_000, Second, Second), new SliceMeasure(1_000, Second, Second)),
            new(2, RatioPhase.Quiz, new SliceMeasure(10_000, Second, null), new SliceMeasure(1_000, Second, Second)),
        ];

        Assert.Null(InterleavedSlices.Total(rounds, r => r.Ping).BotCpu);
        Assert.Null(InterleavedSlices.PooledBotCpuRatio(rounds));
        Assert.Equal(0.1, InterleavedSlices.PooledRatio(rounds), 12);
    }

    [Fact]
    public void A_round_line_says_which_phase_came_first_and_both_ratios_or_only_the_rate_one()
    {
        var round = new RatioRound(2, RatioPhase.Quiz, new SliceMeasure(30_000, 2 * Second, TimeSpan.FromSeconds(2.4)), new SliceMeasure(1_500, Second, TimeSpan.FromSeconds(1.5)));

        Assert.Equal(
            "  round  2 of 10 (quiz first): 15000 PING/s, 1500 answered/s = 0.100; bot µs per PING 80.0 ÷ per answered question 1000.0 = 0.080",
            LoadSession.RoundLine(round, 10));
        Assert.Equal(
            "  round 2 of 3 (quiz first): 15000 PING/s, 1500 answered/s = 0.100",
            LoadSession.RoundLine(round with { Ping = round.Ping with { BotCpu = null } }, 3));
    }
}
