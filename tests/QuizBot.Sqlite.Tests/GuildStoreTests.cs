using QuizBot.Core.Ports;

namespace QuizBot.Sqlite.Tests;

public sealed class GuildStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 5, 18, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Reports_round_trip_per_scope_and_resolving_hides_them_unless_asked()
    {
        var guilds = db.Store.Guilds;
        var first = await guilds.AddReportAsync("g1", "ann", "q1", "The date is wrong", Now);
        var second = await guilds.AddReportAsync("g1", "bob", "q2", "  Typo in choice B  ", Now.AddMinutes(1));
        var elsewhere = await guilds.AddReportAsync("g2", "ann", "q1", "Unclear", Now);
        Assert.Equal(3, new[] { first, second, elsewhere }.Distinct().Count());

        await guilds.ResolveReportAsync("g1", first);
        await guilds.ResolveReportAsync("g1", elsewhere); // another scope's report: nothing changes
        await guilds.ResolveReportAsync("g1", 999_999);

        var store = db.Reopen();
        Assert.Equal(
            [new QuestionReport(second, "g1", "bob", "q2", "Typo in choice B", Now.AddMinutes(1), false)],
            await store.Guilds.GetReportsAsync("g1", includeResolved: false));
        Assert.Equal(
            [new QuestionReport(first, "g1", "ann", "q1", "The date is wrong", Now, true), new QuestionReport(second, "g1", "bob", "q2", "Typo in choice B", Now.AddMinutes(1), false)],
            await store.Guilds.GetReportsAsync("g1", includeResolved: true));
        Assert.False(Assert.Single(await store.Guilds.GetReportsAsync("g2", includeResolved: true)).Resolved);
    }

    [Fact]
    public async Task Two_admins_changing_different_settings_at_once_both_keep_their_change()
    {
        var guilds = db.Store.Guilds;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // The season reset has read the settings and holds its transaction while the daily channel is changed.
        var reset = Task.Run(() => guilds.UpdateSettingsAsync("g1", stored =>
        {
            entered.Set();
            release.Wait();
            return stored with { SeasonStartedAt = Now };
        }));
        entered.Wait();
        var daily = Task.Run(() => guilds.UpdateSettingsAsync("g1", stored => stored with { DailyChannelId = "c9", DailyHourUtc = 7 }));
        release.Set();
        await Task.WhenAll(reset, daily);

        Assert.Equal(new GuildSettings("g1", "c9", 7, Now), await guilds.GetSettingsAsync("g1"));
        Assert.Equal(new GuildSettings("g1", "c9", 7, Now), await daily);
    }

    [Fact]
    public async Task Settings_have_defaults_and_round_trip()
    {
        var guilds = db.Store.Guilds;
        Assert.Equal(new GuildSettings("g1", null, 9, null), await guilds.GetSettingsAsync("g1"));

        var saved = new GuildSettings("g1", "123456789", 18, Now);
        await guilds.SaveSettingsAsync(saved);
        await guilds.SaveSettingsAsync(new GuildSettings("g2", null, 0, null));

        var store = db.Reopen();
        Assert.Equal(saved, await store.Guilds.GetSettingsAsync("g1"));
        Assert.Equal(new GuildSettings("g2", null, 0, null), await store.Guilds.GetSettingsAsync("g2"));

        await store.Guilds.SaveSettingsAsync(saved with { DailyChannelId = null, SeasonStartedAt = null });
        Assert.Equal(saved with { DailyChannelId = null, SeasonStartedAt = null }, await store.Guilds.GetSettingsAsync("g1"));
    }

    [Fact]
    public async Task Bad_settings_and_reports_are_refused_and_change_nothing()
    {
        var guilds = db.Store.Guilds;
        var saved = new GuildSettings("g1", "chan", 9, null);
        await guilds.SaveSettingsAsync(saved);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.SaveSettingsAsync(saved with { DailyHourUtc = 24 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.SaveSettingsAsync(saved with { DailyHourUtc = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.SaveSettingsAsync(saved with { DailyChannelId = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "q1", new string('x', 5000), Now));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.AddReportAsync("g1", "ann", "", "why", Now));

        Assert.Equal(saved, await guilds.GetSettingsAsync("g1"));
        Assert.Empty(await guilds.GetReportsAsync("g1", includeResolved: true));
    }
}
