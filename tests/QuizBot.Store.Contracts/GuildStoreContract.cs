using System.Data.Common;
using QuizBot.Core.Ports;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every <see cref="IGuildStore"/> must do: settings, reports and the question of the day, whose claim lets
/// exactly one of many claimers through, also when they are instances of the bot on one database. Races are
/// started by a barrier or queued behind a claim another instance holds open, never timed.
/// </summary>
public abstract class GuildStoreContract
{
    protected static readonly DateOnly Today = new(2025, 3, 12);
    protected static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 5, TimeSpan.Zero);

    /// <summary>A store on a new, empty database.</summary>
    protected abstract IGuildStore CreateStore();

    /// <summary>Another store on the database <see cref="CreateStore"/> made last, as a second instance (or a restart) opens it.</summary>
    protected abstract IGuildStore OpenAnother();

    /// <summary>
    /// Writes <paramref name="daily"/>'s claim on the last database in a transaction of its own that stays open
    /// (holding what a claim holds) until the returned claim commits or rolls back.
    /// </summary>
    protected abstract Task<IPendingClaim> BeginClaimAsync(DailyQuestion daily);

    [Fact]
    public async Task Settings_have_defaults_and_round_trip()
    {
        var guilds = CreateStore();
        Assert.Equal(new GuildSettings("g1", null, 9, null), await guilds.GetSettingsAsync("g1"));

        var saved = new GuildSettings("g1", "123456789", 18, Now);
        await guilds.SaveSettingsAsync(saved);
        await guilds.SaveSettingsAsync(new GuildSettings("g2", null, 0, null));

        var other = OpenAnother();
        Assert.Equal(saved, await other.GetSettingsAsync("g1"));
        Assert.Equal(new GuildSettings("g2", null, 0, null), await other.GetSettingsAsync("g2"));

        await other.SaveSettingsAsync(saved with { DailyChannelId = null, SeasonStartedAt = null });
        Assert.Equal(saved with { DailyChannelId = null, SeasonStartedAt = null }, await guilds.GetSettingsAsync("g1"));
    }

    [Fact]
    public async Task Two_admins_changing_different_settings_at_once_both_keep_their_change()
    {
        var guilds = CreateStore();
        var other = OpenAnother();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // The season reset has read the settings and holds its transaction while another instance changes the daily channel.
        var reset = Task.Run(() => guilds.UpdateSettingsAsync("g1", stored =>
        {
            entered.Set();
            release.Wait();
            return stored with { SeasonStartedAt = Now };
        }));
        entered.Wait();
        var daily = Task.Run(() => other.UpdateSettingsAsync("g1", stored => stored with { DailyChannelId = "c9", DailyHourUtc = 7 }));
        release.Set();
        await Task.WhenAll(reset, daily);

        Assert.Equal(new GuildSettings("g1", "c9", 7, Now), await guilds.GetSettingsAsync("g1"));
        Assert.Equal(new GuildSettings("g1", "c9", 7, Now), await daily);
    }

    [Fact]
    public async Task Bad_settings_and_reports_are_refused_and_change_nothing()
    {
        var guilds = CreateStore();
        var saved = new GuildSettings("g1", "chan", 9, null);
        await guilds.SaveSettingsAsync(saved);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.SaveSettingsAsync(saved with { DailyHourUtc = 24 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.SaveSettingsAsync(saved with { DailyHourUtc = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.SaveSettingsAsync(saved with { DailyChannelId = " " }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.SaveSettingsAsync(saved with { SeasonStartedAt = DateTimeOffset.UnixEpoch.AddDays(-1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "q1", new string('x', 5000), Now));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "", "why", Now));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.GetSettingsAsync(" "));

        Assert.Equal(saved, await guilds.GetSettingsAsync("g1"));
        Assert.Empty(await guilds.GetReportsAsync("g1", includeResolved: true));
    }

    [Fact]
    public async Task Text_holding_a_nul_character_is_refused_naming_the_field_and_changes_nothing()
    {
        // A form's text can carry U+0000 (JSON allows "\u0000"); PostgreSQL's text cannot hold it, so no store takes it.
        var guilds = CreateStore();
        await guilds.SaveSettingsAsync(new GuildSettings("g1", "chan", 9, null));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today)));

        Assert.Equal("reason", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "q1", "wrong\0date", Now))).ParamName);
        Assert.Equal("questionId", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "q\01", "why", Now))).ParamName);
        Assert.Equal("settings.DailyChannelId", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.SaveSettingsAsync(new GuildSettings("g1", "c\0", 9, null)))).ParamName);
        Assert.Equal("scope", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.GetSettingsAsync("g1\0"))).ParamName);
        Assert.Equal("daily.QuestionId", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.ClaimDailyQuestionAsync(Daily("g2", Today, "q\0")))).ParamName);
        Assert.Equal("failure", (await Assert.ThrowsAsync<ArgumentException>(() => guilds.CompleteDailyQuestionAsync("g1", Today, null, "403\0"))).ParamName);

        Assert.Empty(await guilds.GetReportsAsync("g1", includeResolved: true));
        Assert.Equal(new GuildSettings("g1", "chan", 9, null), await guilds.GetSettingsAsync("g1"));
        Assert.Null(await guilds.GetDailyQuestionAsync("g2", Today));
        Assert.Equal(Daily("g1", Today), await guilds.GetDailyQuestionAsync("g1", Today));
    }

    [Fact]
    public async Task Reports_round_trip_per_scope_and_resolving_hides_them_unless_asked()
    {
        var guilds = CreateStore();
        Assert.Empty(await guilds.GetReportsAsync("g1", includeResolved: true));
        var first = await guilds.AddReportAsync("g1", "ann", "q1", "The date is wrong", Now);
        var second = await guilds.AddReportAsync("g1", "bob", "q2", "  Typo in choice B  ", Now.AddMinutes(1));
        var elsewhere = await guilds.AddReportAsync("g2", "ann", "q1", "Unclear", Now);
        Assert.Equal(3, new[] { first, second, elsewhere }.Distinct().Count());

        var other = OpenAnother();
        await other.ResolveReportAsync("g1", first);
        await other.ResolveReportAsync("g1", elsewhere); // another scope's report: nothing changes
        await other.ResolveReportAsync("g1", 999_999);
        await other.ResolveReportAsync("g1", first); // twice: still resolved, nothing else moves

        Assert.Equal(
            [new QuestionReport(second, "g1", "bob", "q2", "Typo in choice B", Now.AddMinutes(1), false)],
            await guilds.GetReportsAsync("g1", includeResolved: false));
        Assert.Equal(
            [new QuestionReport(first, "g1", "ann", "q1", "The date is wrong", Now, true), new QuestionReport(second, "g1", "bob", "q2", "Typo in choice B", Now.AddMinutes(1), false)],
            await guilds.GetReportsAsync("g1", includeResolved: true));
        Assert.False(Assert.Single(await guilds.GetReportsAsync("g2", includeResolved: true)).Resolved);
    }

    [Fact]
    public async Task Reports_filed_at_once_on_two_instances_each_get_their_own_id_and_are_all_kept()
    {
        var stores = new[] { CreateStore(), OpenAnother() };
        using var barrier = new Barrier(10);

        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
        {
            barrier.SignalAndWait();
            return stores[i % 2].AddReportAsync("g1", $"u{i}", "q1", $"reason {i}", Now);
        })));

        Assert.Equal(10, ids.Distinct().Count());
        var reports = await stores[0].GetReportsAsync("g1", includeResolved: false);
        Assert.Equal(ids.Order(), reports.Select(r => r.Id).Order());
        Assert.All(reports, r => Assert.Equal($"reason {r.UserId[1..]}", r.Reason));
    }

    [Fact]
    public async Task Due_lists_scopes_with_a_channel_whose_hour_has_come_and_no_question_today_in_scope_order()
    {
        var guilds = CreateStore();
        Assert.Empty(await guilds.GetDailyQuestionsDueAsync(Today, 23));

        // Guild ids are numbers of different lengths: "scope order" is ordinal, so "10…" comes before "9…".
        await guilds.SaveSettingsAsync(new GuildSettings("9001", "c1", 7, null));
        await guilds.SaveSettingsAsync(new GuildSettings("10002", "c2", 9, null));
        await guilds.SaveSettingsAsync(new GuildSettings("8003", "c3", 18, null));
        await guilds.SaveSettingsAsync(new GuildSettings("7004", null, 0, null));
        await guilds.SaveSettingsAsync(new GuildSettings("6005", "c5", 8, null));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("6005", Today)));
        // Yesterday's question does not count for today.
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("10002", Today.AddDays(-1))));

        var other = OpenAnother();
        Assert.Equal(["9001"], (await other.GetDailyQuestionsDueAsync(Today, 8)).Select(s => s.Scope));
        Assert.Equal(["10002", "9001"], (await other.GetDailyQuestionsDueAsync(Today, 9)).Select(s => s.Scope));
        var at23 = await other.GetDailyQuestionsDueAsync(Today, 23);
        Assert.Equal(["10002", "8003", "9001"], at23.Select(s => s.Scope));
        Assert.Equal(new GuildSettings("10002", "c2", 9, null), at23[0]);
    }

    [Fact]
    public async Task A_day_is_claimed_once_per_scope_and_its_outcome_is_there_for_another_instance()
    {
        var guilds = CreateStore();
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today, "q-first")));
        Assert.False(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today, "q-second")));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g2", Today, "q-second")));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today.AddDays(1), "q-third")));
        Assert.Equal(Daily("g1", Today, "q-first"), await guilds.GetDailyQuestionAsync("g1", Today));

        await guilds.CompleteDailyQuestionAsync("g1", Today, "123456789", null);
        await guilds.CompleteDailyQuestionAsync("g2", Today, null, "403 Missing Access");
        await guilds.CompleteDailyQuestionAsync("g3", Today, "1", null); // never claimed: nothing to change

        var other = OpenAnother();
        var first = await other.GetDailyQuestionAsync("g1", Today);
        Assert.Equal(Daily("g1", Today, "q-first") with { MessageId = "123456789" }, first);
        Assert.True(first!.IsPosted);
        var failed = await other.GetDailyQuestionAsync("g2", Today);
        Assert.Equal(Daily("g2", Today, "q-second") with { Failure = "403 Missing Access" }, failed);
        Assert.False(failed!.IsPosted);
        Assert.Null(await other.GetDailyQuestionAsync("g3", Today));
        Assert.Null(await other.GetDailyQuestionAsync("g1", Today.AddDays(-1)));
        Assert.False(await other.ClaimDailyQuestionAsync(Daily("g1", Today, "q-again")));
    }

    [Fact]
    public async Task Recent_questions_come_newest_first_per_scope()
    {
        var guilds = CreateStore();
        // Claimed out of date order: "newest" is the date, not the order of the claims.
        foreach (var day in new[] { 2, 0, 4, 1, 3 })
        {
            Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today.AddDays(day), $"q{day}")));
        }

        await guilds.ClaimDailyQuestionAsync(Daily("g2", Today, "other"));

        Assert.Equal(["q4", "q3", "q2"], (await guilds.GetRecentDailyQuestionsAsync("g1", 3)).Select(d => d.QuestionId));
        Assert.Equal(Today.AddDays(4), (await guilds.GetRecentDailyQuestionsAsync("g1", 1))[0].Date);
        Assert.Equal(5, (await guilds.GetRecentDailyQuestionsAsync("g1", 10)).Count);
        Assert.Empty(await guilds.GetRecentDailyQuestionsAsync("g1", 0));
        Assert.Equal(["other"], (await guilds.GetRecentDailyQuestionsAsync("g2", 10)).Select(d => d.QuestionId));
        Assert.Empty(await guilds.GetRecentDailyQuestionsAsync("g3", 10));
    }

    [Fact]
    public async Task Bad_daily_input_is_refused_and_changes_nothing()
    {
        var guilds = CreateStore();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.GetDailyQuestionsDueAsync(Today, 24));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.GetDailyQuestionsDueAsync(Today, -1));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.ClaimDailyQuestionAsync(Daily("", Today)));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.ClaimDailyQuestionAsync(Daily("g1", Today) with { MessageId = "1", Failure = "both" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.GetRecentDailyQuestionsAsync("g1", -1));
        Assert.Null(await guilds.GetDailyQuestionAsync("g1", Today));

        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today)));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.CompleteDailyQuestionAsync("g1", Today, "1", "both"));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.CompleteDailyQuestionAsync("g1", Today, "1", new string('x', 5000)));
        Assert.Equal(Daily("g1", Today), await guilds.GetDailyQuestionAsync("g1", Today));
    }

    [Fact]
    public async Task Claimers_on_two_instances_at_once_store_exactly_one_pick()
    {
        const int claimers = 12;
        var stores = new[] { CreateStore(), OpenAnother() };
        await stores[0].SaveSettingsAsync(new GuildSettings("g1", "c1", 8, null));
        Assert.Single(await stores[1].GetDailyQuestionsDueAsync(Today, 9));
        using var barrier = new Barrier(claimers);

        var claims = await Task.WhenAll(Enumerable.Range(0, claimers).Select(i => Task.Run(() =>
        {
            barrier.SignalAndWait();
            return stores[i % 2].ClaimDailyQuestionAsync(Daily("g1", Today, $"q{i}"));
        })));

        var winner = Assert.Single(Enumerable.Range(0, claimers), i => claims[i]);
        Assert.Equal(Daily("g1", Today, $"q{winner}"), await stores[(winner + 1) % 2].GetDailyQuestionAsync("g1", Today));
        Assert.Empty(await stores[0].GetDailyQuestionsDueAsync(Today, 9));
        Assert.Empty(await stores[1].GetDailyQuestionsDueAsync(Today, 9));
        Assert.Single(await stores[0].GetRecentDailyQuestionsAsync("g1", 10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Claims_queued_behind_another_instances_open_claim_win_only_if_it_rolls_back(bool holderCommits)
    {
        var stores = new[] { CreateStore(), OpenAnother() };
        Task<bool>[] claims;
        await using (var held = await BeginClaimAsync(Daily("g1", Today, "q-held")))
        {
            claims = Enumerable.Range(0, 6).Select(i => Task.Run(() => stores[i % 2].ClaimDailyQuestionAsync(Daily("g1", Today, $"q{i}")))).ToArray();
            Assert.DoesNotContain(claims, c => c.IsCompletedSuccessfully && c.Result);
            if (holderCommits)
            {
                await held.CommitAsync();
            }
            else
            {
                await held.RollbackAsync();
            }
        }

        var results = await Task.WhenAll(claims);
        var stored = (await stores[0].GetDailyQuestionAsync("g1", Today))!;
        if (holderCommits)
        {
            Assert.DoesNotContain(true, results);
            Assert.Equal("q-held", stored.QuestionId);
        }
        else
        {
            var winner = Assert.Single(Enumerable.Range(0, results.Length), i => results[i]);
            Assert.Equal($"q{winner}", stored.QuestionId);
        }
    }

    protected static DailyQuestion Daily(string scope, DateOnly date, string questionId = "q1") =>
        new(scope, date, "deck", questionId, "555", Now);
}

/// <summary>A claim written in a transaction that is still open; disposing without committing rolls it back.</summary>
public interface IPendingClaim : IAsyncDisposable
{
    Task CommitAsync();

    Task RollbackAsync();
}

/// <summary>A raw transaction a test holds open; disposing it without a commit rolls it back and closes the connection.</summary>
public sealed class HeldTransaction(DbConnection connection, DbTransaction transaction) : IPendingClaim
{
    public Task CommitAsync() => transaction.CommitAsync();

    public Task RollbackAsync() => transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
