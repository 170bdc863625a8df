using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Trivia;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every <see cref="ITriviaStore"/> must do, whatever database is behind it. A store implementation's tests
/// derive from this and say how to open the store (and a second handle on the same database, as a second instance
/// of the bot would have). Races use barriers, not sleeps.
/// </summary>
public abstract class TriviaStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 18, 0, 0, TimeSpan.Zero);
    protected const string Scope = "guild-1";
    protected const string Me = "instance-a";
    protected const string Other = "instance-b";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>The lease a game is stored with by <see cref="StartAsync"/>: the starting instance's first tenure, until 15 s.</summary>
    protected static readonly TriviaLease Started = new(Me, 1);

    /// <summary>The store under test, on a fresh empty database.</summary>
    protected abstract ITriviaStore Store { get; }

    /// <summary>Another handle on the same database, as a second instance (or a restarted process) would open it.</summary>
    protected abstract ITriviaStore OpenAnother();

    public abstract void Dispose();

    [Fact]
    public async Task A_game_is_stored_with_its_rounds_and_a_channel_runs_one_game_at_a_time()
    {
        Assert.True((await StartAsync("g1", channel: 10)).Started);

        var second = await StartAsync("g2", channel: 10);
        var elsewhere = await StartAsync("g3", channel: 11);

        Assert.Equal(new TriviaStartWrite(false, "g1"), second);
        Assert.True(elsewhere.Started);
        var state = (await Store.GetAsync("g1"))!;
        Assert.Equal(("g1", Scope, 10UL, "token-g1", 0), (state.Game.Id, state.Game.Scope, state.Game.ChannelId, state.Game.InteractionToken, state.Game.CurrentRound));
        Assert.Equal(3, state.Rounds.Count);
        Assert.Equal([2, 0, 1], state.Rounds[1].ChoiceOrder);
        Assert.Equal((T0, T0 + Limit), (state.Rounds[0].OpenedAt, state.Rounds[0].Deadline));
        Assert.All(state.Rounds.Skip(1), r => Assert.Null(r.Deadline));
        Assert.Equal("g1", (await Store.GetRunningInChannelAsync(10))!.Game.Id);
        Assert.Null(await Store.GetAsync("nope"));
    }

    [Fact]
    public async Task A_member_presses_once_per_round_and_the_press_scores_the_answer_once()
    {
        await StartAsync("g1");

        var first = await PressAsync("g1", 0, "ann", choice: 1, at: T0.AddSeconds(3));
        var again = await PressAsync("g1", 0, "ann", choice: 2, at: T0.AddSeconds(4));

        Assert.Equal(TriviaPressStatus.Stored, first.Status);
        Assert.Equal(TriviaPressStatus.AlreadyPressed, again.Status);
        Assert.Equal(1, again.Earlier!.Choice);
        var press = Assert.Single((await Store.GetAsync("g1"))!.Presses);
        Assert.Equal((0, "ann", 1, T0.AddSeconds(3)), (press.RoundIndex, press.Player.UserId, press.Choice, press.PressedAt));
        Assert.Equal(1, await AnswersStoredAsync(new PlayerKey(Scope, "ann")));
    }

    [Fact]
    public async Task Presses_at_or_after_the_deadline_on_other_rounds_or_from_another_server_are_refused()
    {
        await StartAsync("g1");

        Assert.Equal(TriviaPressStatus.Closed, (await PressAsync("g1", 0, "ann", 0, T0 + Limit)).Status);
        Assert.Equal(TriviaPressStatus.Closed, (await PressAsync("g1", 1, "ann", 0, T0.AddSeconds(1))).Status);
        Assert.Equal(TriviaPressStatus.GameOver, (await PressAsync("g1", 0, "ann", 0, T0.AddSeconds(1), scope: "guild-2")).Status);
        Assert.Equal(TriviaPressStatus.GameOver, (await PressAsync("nope", 0, "ann", 0, T0.AddSeconds(1))).Status);
        Assert.Empty((await Store.GetAsync("g1"))!.Presses);
        Assert.Equal(0, await AnswersStoredAsync(new PlayerKey(Scope, "ann")));
    }

    [Fact]
    public async Task Simultaneous_presses_by_one_member_store_exactly_one()
    {
        await StartAsync("g1");
        var stores = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? Store : OpenAnother()).ToList();
        using var barrier = new Barrier(stores.Count);

        var results = await Task.WhenAll(stores.Select((store, i) => Task.Run(() =>
        {
            barrier.SignalAndWait();
            return store.PressAsync("g1", Press(0, "ann", i % 3, T0.AddSeconds(2)), Answer("g1", 0, "ann", T0.AddSeconds(2)));
        })));

        Assert.Equal(1, results.Count(r => r.Status == TriviaPressStatus.Stored));
        Assert.All(results.Where(r => r.Status != TriviaPressStatus.Stored), r => Assert.Equal(TriviaPressStatus.AlreadyPressed, r.Status));
        Assert.Single((await Store.GetAsync("g1"))!.Presses);
        Assert.Equal(1, await AnswersStoredAsync(new PlayerKey(Scope, "ann")));
    }

    [Fact]
    public async Task A_round_closes_only_at_its_deadline_by_a_current_lease_holder_and_closes_once()
    {
        await StartAsync("g1");
        Assert.False((await Store.CloseRoundAsync("g1", Started, 0, T0 + Limit)).Applied, "the start's lease ran out at 15 s");
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(19), T0.AddSeconds(34)))!;

        Assert.False((await Store.CloseRoundAsync("g1", me, 0, T0.AddSeconds(19))).Applied);
        Assert.False((await Store.CloseRoundAsync("g1", me with { Owner = Other }, 0, T0 + Limit)).Applied);
        Assert.False((await Store.CloseRoundAsync("g1", Started, 0, T0 + Limit)).Applied, "the start's tenure is over");
        var closed = await Store.CloseRoundAsync("g1", me, 0, T0 + Limit);
        var twice = await Store.CloseRoundAsync("g1", me, 0, T0 + Limit);

        Assert.True(closed.Applied);
        Assert.Equal(T0 + Limit, closed.State!.Rounds[0].ClosedAt);
        Assert.False(twice.Applied);
        Assert.True(twice.State!.Rounds[0].IsClosed);
    }

    [Fact]
    public async Task Once_a_round_is_closed_no_press_gets_in_even_one_read_before_the_deadline()
    {
        await StartAsync("g1");
        await PressAsync("g1", 0, "ann", 0, T0.AddSeconds(5));
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0 + Limit, T0.AddSeconds(35)))!;
        Assert.True((await Store.CloseRoundAsync("g1", me, 0, T0 + Limit)).Applied);

        var late = await PressAsync("g1", 0, "ben", 0, T0.AddSeconds(19));

        Assert.Equal(TriviaPressStatus.Closed, late.Status);
        Assert.Equal(["ann"], (await Store.GetAsync("g1"))!.Presses.Select(p => p.Player.UserId));
    }

    [Fact]
    public async Task The_lease_has_one_holder_until_it_expires_or_is_released()
    {
        await StartAsync("g1");

        Assert.Null(await OpenAnother().TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(14), T0.AddSeconds(29)));
        Assert.Equal(Started, await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(14), T0.AddSeconds(29)));
        Assert.Null(await OpenAnother().TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(28), T0.AddSeconds(40)));
        Assert.Equal(new TriviaLease(Other, 2), await OpenAnother().TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(29), T0.AddSeconds(44)));
        Assert.False((await Store.CloseRoundAsync("g1", Started, 0, T0.AddSeconds(30))).Applied);

        await OpenAnother().ReleaseLeaseAsync("g1", Other);
        Assert.Equal(new TriviaLease(Me, 3), await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(31), T0.AddSeconds(46)));
        Assert.Equal((Me, T0.AddSeconds(46)), ((await Store.GetAsync("g1"))!.Game.LeaseOwner, (await Store.GetAsync("g1"))!.Game.LeaseExpiresAt));
    }

    [Fact]
    public async Task Renewing_keeps_the_tenure_and_taking_an_expired_lease_back_starts_a_new_one_even_for_the_same_owner()
    {
        await StartAsync("g1");

        var renewed = await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(10), T0.AddSeconds(25));
        var retaken = await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(26), T0.AddSeconds(41));

        Assert.Equal(Started, renewed);
        Assert.Equal(new TriviaLease(Me, 2), retaken);
        Assert.Equal(2, (await Store.GetAsync("g1"))!.Game.LeaseEpoch);
        Assert.False((await Store.CloseRoundAsync("g1", Started, 0, T0.AddSeconds(26))).Applied, "the stalled first tenure moves nothing");
        Assert.True((await Store.CloseRoundAsync("g1", retaken!, 0, T0.AddSeconds(26))).Applied);
    }

    [Fact]
    public async Task A_post_is_claimed_by_one_tenure_and_a_stalled_tenures_record_is_refused_after_another_took_over()
    {
        await StartAsync("g1");
        var first = (await Store.TryAcquireLeaseAsync("g1", Me, T0 + Limit, T0.AddSeconds(35)))!;
        await Store.CloseRoundAsync("g1", first, 0, T0 + Limit);
        await Store.MarkRevealPostedAsync("g1", first, 0, T0 + Limit);
        await Store.OpenRoundAsync("g1", first, 1, T0 + Limit, T0.AddSeconds(80));

        // The first tenure claims round 1's question, then stalls mid-post past its lease; another instance takes over.
        Assert.Equal(TriviaClaim.Claimed, await Store.ClaimPostAsync("g1", first, new TriviaPost.Question(1), T0 + Limit));
        Assert.Equal(TriviaClaim.Claimed, await Store.ClaimPostAsync("g1", first, new TriviaPost.Question(1), T0.AddSeconds(21)));
        var other = OpenAnother();
        var second = (await other.TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(36), T0.AddSeconds(51)))!;

        Assert.Equal(TriviaClaim.ClaimedBefore, await other.ClaimPostAsync("g1", second, new TriviaPost.Question(1), T0.AddSeconds(36)));
        Assert.Equal(TriviaClaim.LeaseLost, await Store.ClaimPostAsync("g1", first, new TriviaPost.Question(2), T0.AddSeconds(37)));
        var stale = await Store.MarkQuestionPostedAsync("g1", first, 1, 555, T0.AddSeconds(37));

        Assert.False(stale.Applied);
        var round = stale.State!.Rounds[1];
        Assert.Equal((null, (long?)first.Epoch), (round.MessageId, round.QuestionClaim));
        Assert.True(round.QuestionOut(second.Epoch), "the new tenure treats the claimed question as out and does not post it");
        Assert.False(round.QuestionOut(first.Epoch));
    }

    [Fact]
    public async Task A_reveal_as_a_new_message_and_the_standings_are_claimed_once_and_the_claim_needs_the_lease()
    {
        await StartAsync("g1", rounds: 1);
        var first = (await Store.TryAcquireLeaseAsync("g1", Me, T0 + Limit, T0.AddSeconds(35)))!;
        await Store.CloseRoundAsync("g1", first, 0, T0 + Limit);

        Assert.Equal(TriviaClaim.Claimed, await Store.ClaimPostAsync("g1", first, new TriviaPost.Reveal(0), T0 + Limit));
        Assert.Equal(TriviaClaim.Claimed, await Store.ClaimPostAsync("g1", first, new TriviaPost.Standings(), T0 + Limit));
        var second = (await OpenAnother().TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(40), T0.AddSeconds(55)))!;

        Assert.Equal(TriviaClaim.ClaimedBefore, await OpenAnother().ClaimPostAsync("g1", second, new TriviaPost.Reveal(0), T0.AddSeconds(40)));
        Assert.Equal(TriviaClaim.ClaimedBefore, await OpenAnother().ClaimPostAsync("g1", second, new TriviaPost.Standings(), T0.AddSeconds(40)));
        Assert.Equal(TriviaClaim.LeaseLost, await Store.ClaimPostAsync("g1", first, new TriviaPost.Standings(), T0.AddSeconds(40)));
        Assert.False((await Store.FinishAsync("g1", first, T0.AddSeconds(40))).Applied);
        var state = (await Store.GetAsync("g1"))!;
        Assert.Equal(((long?)first.Epoch, (long?)first.Epoch), (state.Rounds[0].RevealClaim, state.Game.StandingsClaim));
        Assert.True(state.Game.StandingsOut, "an earlier tenure's standings claim counts as posted for the tenure holding the lease");
        Assert.True((await OpenAnother().FinishAsync("g1", second, T0.AddSeconds(41))).Applied);
    }

    [Fact]
    public async Task Two_tenures_racing_to_claim_one_post_give_one_winner()
    {
        await StartAsync("g1", rounds: 1);
        var first = (await Store.TryAcquireLeaseAsync("g1", Me, T0 + Limit, T0.AddSeconds(35)))!;
        await Store.CloseRoundAsync("g1", first, 0, T0 + Limit);
        await Store.EndAsync("g1", first, TriviaEndReason.Completed, T0 + Limit);
        var other = OpenAnother();
        using var barrier = new Barrier(2);

        // The first tenure claims at 34 s (its lease still held); the other takes the lease at 35 s and claims: whichever
        // runs first, exactly one of them may send the standings.
        var claims = await Task.WhenAll(
            Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await Store.ClaimPostAsync("g1", first, new TriviaPost.Standings(), T0.AddSeconds(34));
            }),
            Task.Run(async () =>
            {
                barrier.SignalAndWait();
                var second = await other.TryAcquireLeaseAsync("g1", Other, T0.AddSeconds(35), T0.AddSeconds(50));
                return await other.ClaimPostAsync("g1", second!, new TriviaPost.Standings(), T0.AddSeconds(35));
            }));

        Assert.Equal(1, claims.Count(c => c == TriviaClaim.Claimed));
    }

    [Fact]
    public async Task Two_instances_racing_for_an_expired_lease_and_the_reveal_give_one_winner()
    {
        await StartAsync("g1");
        var at = T0.AddSeconds(21);
        var instances = new[] { (Store: Store, Owner: Me), (Store: OpenAnother(), Owner: Other) };
        using var barrier = new Barrier(instances.Length);

        var closes = await Task.WhenAll(instances.Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            var leased = await i.Store.TryAcquireLeaseAsync("g1", i.Owner, at, at.AddSeconds(15));
            return leased is not null && (await i.Store.CloseRoundAsync("g1", leased, 0, at)).Applied;
        })));

        Assert.Equal(1, closes.Count(applied => applied));
    }

    [Fact]
    public async Task The_next_round_opens_only_after_the_reveal_is_posted_and_only_once()
    {
        await StartAsync("g1");
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(20), T0.AddSeconds(35)))!;
        await Store.CloseRoundAsync("g1", me, 0, T0 + Limit);

        Assert.False((await Store.OpenRoundAsync("g1", me, 1, T0.AddSeconds(21), T0.AddSeconds(41))).Applied);
        Assert.True((await Store.MarkRevealPostedAsync("g1", me, 0, T0.AddSeconds(21))).Applied);
        Assert.False((await Store.MarkRevealPostedAsync("g1", me, 0, T0.AddSeconds(21))).Applied);
        var opened = await Store.OpenRoundAsync("g1", me, 1, T0.AddSeconds(21), T0.AddSeconds(41));
        Assert.False((await Store.OpenRoundAsync("g1", me, 1, T0.AddSeconds(22), T0.AddSeconds(42))).Applied);

        Assert.True(opened.Applied);
        Assert.Equal(1, opened.State!.Game.CurrentRound);
        Assert.Equal((T0.AddSeconds(21), T0.AddSeconds(41)), (opened.State.Rounds[1].OpenedAt, opened.State.Rounds[1].Deadline));
        Assert.False((await Store.MarkQuestionPostedAsync("g1", me, 1, 776, T0.AddSeconds(22))).Applied, "not claimed");
        Assert.Equal(TriviaClaim.Claimed, await Store.ClaimPostAsync("g1", me, new TriviaPost.Question(1), T0.AddSeconds(22)));
        Assert.True((await Store.MarkQuestionPostedAsync("g1", me, 1, 777, T0.AddSeconds(22))).Applied);
        Assert.False((await Store.MarkQuestionPostedAsync("g1", me, 1, 778, T0.AddSeconds(22))).Applied);
        Assert.Equal(777UL, (await Store.GetAsync("g1"))!.Rounds[1].MessageId);
        Assert.Equal(TriviaPressStatus.Stored, (await PressAsync("g1", 1, "ann", 0, T0.AddSeconds(30))).Status);
        Assert.Equal(TriviaPressStatus.Closed, (await PressAsync("g1", 0, "ben", 0, T0.AddSeconds(30))).Status);
    }

    [Fact]
    public async Task Closing_the_last_round_completes_the_game_and_finishing_deletes_the_token()
    {
        await StartAsync("g1", rounds: 1);
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(20), T0.AddSeconds(35)))!;

        var closed = await Store.CloseRoundAsync("g1", me, 0, T0 + Limit);
        Assert.Equal(TriviaEndReason.Completed, closed.State!.Game.EndReason);
        Assert.Null(await Store.GetRunningInChannelAsync(10));
        Assert.Single(await Store.GetActiveAsync());
        Assert.False((await Store.FinishAsync("g1", me with { Owner = Other }, T0.AddSeconds(21))).Applied);

        var finished = await Store.FinishAsync("g1", me, T0.AddSeconds(21));

        Assert.True(finished.Applied);
        Assert.Null(finished.State!.Game.InteractionToken);
        Assert.True(finished.State.Game.StandingsPosted);
        Assert.Empty(await Store.GetActiveAsync());
        Assert.Null(await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(22), T0.AddSeconds(37)));
        Assert.True((await StartAsync("g2")).Started);
    }

    [Fact]
    public async Task Any_instance_can_stop_a_running_game_once_and_its_current_round_closes()
    {
        await StartAsync("g1");
        await PressAsync("g1", 0, "ann", 0, T0.AddSeconds(2));

        var stopped = await OpenAnother().StopAsync("g1", "Mod", T0.AddSeconds(5));
        var again = await Store.StopAsync("g1", "Mod", T0.AddSeconds(6));

        Assert.True(stopped.Applied);
        Assert.Equal((TriviaEndReason.Stopped, "Mod", true), (stopped.State!.Game.EndReason, stopped.State.Game.StoppedBy, stopped.State.Game.StandingsPosted));
        Assert.Equal(T0.AddSeconds(5), stopped.State.Rounds[0].ClosedAt);
        Assert.Single(stopped.State.Presses);
        Assert.False(again.Applied);
        Assert.Equal(TriviaPressStatus.GameOver, (await PressAsync("g1", 0, "ben", 0, T0.AddSeconds(6))).Status);
        Assert.False((await Store.CloseRoundAsync("g1", Started, 0, T0.AddSeconds(30))).Applied);
    }

    [Fact]
    public async Task Ending_early_closes_the_open_round_and_records_why()
    {
        await StartAsync("g1");
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0.AddMinutes(5), T0.AddMinutes(6)))!;

        var ended = await Store.EndAsync("g1", me, TriviaEndReason.Unattended, T0.AddMinutes(5));

        Assert.True(ended.Applied);
        Assert.Equal((TriviaEndReason.Unattended, T0.AddMinutes(5)), (ended.State!.Game.EndReason, ended.State.Game.EndedAt));
        Assert.Equal(T0.AddMinutes(5), ended.State.Rounds[0].ClosedAt);
        Assert.False((await Store.EndAsync("g1", me, TriviaEndReason.DiscordFailed, T0.AddMinutes(5))).Applied);
    }

    [Fact]
    public async Task Everything_stored_is_there_for_another_instance_or_after_a_restart()
    {
        await StartAsync("g1");
        await PressAsync("g1", 0, "ann", 2, T0.AddSeconds(4));

        var seen = (await OpenAnother().GetAsync("g1"))!;
        var active = Assert.Single(await OpenAnother().GetActiveAsync());

        Assert.Equal((await Store.GetAsync("g1"))!.Game, seen.Game);
        Assert.Equal(2, Assert.Single(seen.Presses).Choice);
        Assert.Equal(seen.Rounds, active.Rounds, RoundEquality.Instance);
    }

    /// <summary>How many answers the leaderboard side of the store holds for the player (a press also scores an answer).</summary>
    protected abstract Task<int> AnswersStoredAsync(PlayerKey player);

    protected Task<TriviaStartWrite> StartAsync(string id, ulong channel = 10, int rounds = 3)
    {
        var game = new TriviaGameRecord(
            id, Scope, channel, "deck", null, "Deck", 7, (int)Limit.TotalSeconds, rounds, "starter", "Starter", T0, "token-" + id,
            T0 + TriviaRules.TokenLifetime, 0, null, null, null, false, Me, T0.AddSeconds(15), LeaseEpoch: Started.Epoch);
        var records = Enumerable.Range(0, rounds)
            .Select(i => new TriviaRoundRecord(i, "q" + i, i == 1 ? [2, 0, 1] : [0, 1, 2], i == 0 ? T0 : null, i == 0 ? T0 + Limit : null, null, null, null))
            .ToList();
        return Store.StartAsync(game, records);
    }

    protected Task<TriviaPressWrite> PressAsync(string gameId, int round, string user, int choice, DateTimeOffset at, string scope = Scope) =>
        Store.PressAsync(gameId, Press(round, user, choice, at, scope), Answer(gameId, round, user, at, scope));

    private static TriviaPressRecord Press(int round, string user, int choice, DateTimeOffset at, string scope = Scope) =>
        new(round, new PlayerKey(scope, user), user.ToUpperInvariant(), choice, choice == 0, choice == 0 ? 10 : 0, at);

    private static AnswerRecord Answer(string gameId, int round, string user, DateTimeOffset at, string scope = Scope) =>
        new(new PlayerKey(scope, user), user.ToUpperInvariant(), TriviaService.SessionIdOf(gameId, new PlayerKey(scope, user)), round, "q" + round, "f" + round, ["topic"], true, 10, QuizMode.Trivia, at);

    private sealed class RoundEquality : IEqualityComparer<TriviaRoundRecord>
    {
        public static readonly RoundEquality Instance = new();

        public bool Equals(TriviaRoundRecord? x, TriviaRoundRecord? y) =>
            x is not null && y is not null && x with { ChoiceOrder = [] } == y with { ChoiceOrder = [] } && x.ChoiceOrder.SequenceEqual(y.ChoiceOrder);

        public int GetHashCode(TriviaRoundRecord obj) => obj.Index;
    }
}
