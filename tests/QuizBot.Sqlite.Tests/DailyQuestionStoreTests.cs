using QuizBot.Core.Ports;
using QuizBot.Sqlite.Migrations;

namespace QuizBot.Sqlite.Tests;

public sealed class DailyQuestionStoreTests : IDisposable
{
    private static readonly DateOnly Today = new(2025, 3, 12);
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 5, TimeSpan.Zero);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Due_lists_scopes_with_a_channel_whose_hour_has_come_and_no_question_today()
    {
        var guilds = db.Store.Guilds;
        await guilds.SaveSettingsAsync(new GuildSettings("g-early", "c1", 7, null));
        await guilds.SaveSettingsAsync(new GuildSettings("g-nine", "c2", 9, null));
        await guilds.SaveSettingsAsync(new GuildSettings("g-late", "c3", 18, null));
        await guilds.SaveSettingsAsync(new GuildSettings("g-off", null, 0, null));
        await guilds.SaveSettingsAsync(new GuildSettings("g-done", "c5", 8, null));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g-done", Today)));
        // Yesterday's question does not count for today.
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g-nine", Today.AddDays(-1))));

        var at8 = await guilds.GetDailyQuestionsDueAsync(Today, 8);
        var at9 = await guilds.GetDailyQuestionsDueAsync(Today, 9);
        var at23 = await guilds.GetDailyQuestionsDueAsync(Today, 23);

        Assert.Equal(["g-early"], at8.Select(s => s.Scope));
        Assert.Equal(["g-early", "g-nine"], at9.Select(s => s.Scope));
        Assert.Equal(["g-early", "g-late", "g-nine"], at23.Select(s => s.Scope));
        Assert.Equal(new GuildSettings("g-nine", "c2", 9, null), at9[1]);
    }

    [Fact]
    public async Task A_day_is_claimed_once_per_scope_and_its_outcome_is_kept_across_a_restart()
    {
        var guilds = db.Store.Guilds;
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today, "q-first")));
        Assert.False(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today, "q-second")));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g2", Today, "q-second")));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today.AddDays(1), "q-third")));

        await guilds.CompleteDailyQuestionAsync("g1", Today, "123456789", null);
        await guilds.CompleteDailyQuestionAsync("g2", Today, null, "403 Missing Access");
        await guilds.CompleteDailyQuestionAsync("g3", Today, "1", null); // never claimed: nothing to change

        var store = db.Reopen();
        var first = await store.Guilds.GetDailyQuestionAsync("g1", Today);
        Assert.Equal(Daily("g1", Today, "q-first") with { MessageId = "123456789" }, first);
        Assert.True(first!.IsPosted);
        var failed = await store.Guilds.GetDailyQuestionAsync("g2", Today);
        Assert.Equal("403 Missing Access", failed!.Failure);
        Assert.False(failed.IsPosted);
        Assert.Null(await store.Guilds.GetDailyQuestionAsync("g3", Today));
        Assert.Null(await store.Guilds.GetDailyQuestionAsync("g1", Today.AddDays(-1)));
    }

    [Fact]
    public async Task Recent_questions_come_newest_first_per_scope()
    {
        var guilds = db.Store.Guilds;
        for (var day = 0; day < 5; day++)
        {
            await guilds.ClaimDailyQuestionAsync(Daily("g1", Today.AddDays(day), $"q{day}"));
        }

        await guilds.ClaimDailyQuestionAsync(Daily("g2", Today, "other"));

        Assert.Equal(["q4", "q3", "q2"], (await guilds.GetRecentDailyQuestionsAsync("g1", 3)).Select(d => d.QuestionId));
        Assert.Equal(Today.AddDays(4), (await guilds.GetRecentDailyQuestionsAsync("g1", 1))[0].Date);
        Assert.Equal(["other"], (await guilds.GetRecentDailyQuestionsAsync("g2", 10)).Select(d => d.QuestionId));
        Assert.Empty(await guilds.GetRecentDailyQuestionsAsync("g3", 10));
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var guilds = db.Store.Guilds;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.GetDailyQuestionsDueAsync(Today, 24));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.ClaimDailyQuestionAsync(Daily("", Today)));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.ClaimDailyQuestionAsync(Daily("g1", Today) with { MessageId = "1", Failure = "both" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => guilds.GetRecentDailyQuestionsAsync("g1", -1));
        Assert.True(await guilds.ClaimDailyQuestionAsync(Daily("g1", Today)));
        await Assert.ThrowsAsync<ArgumentException>(() => guilds.CompleteDailyQuestionAsync("g1", Today, "1", "both"));

        Assert.Equal(Daily("g1", Today), await guilds.GetDailyQuestionAsync("g1", Today));
    }

    [Fact]
    public void Schema_4_adds_the_daily_questions_table_to_a_version_3_file()
    {
        using (var connection = db.OpenRaw())
        {
            SchemaMigrator.Migrate(connection, targetVersion: 3);
            Assert.Equal(3, SchemaMigrator.CurrentVersion(connection));
        }

        var store = db.Store;
        using var raw = db.OpenRaw();
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(raw));
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'daily_questions';";
        Assert.Equal(1L, command.ExecuteScalar());
        Assert.NotNull(store.Guilds);
    }

    private static DailyQuestion Daily(string scope, DateOnly date, string questionId = "q1") =>
        new(scope, date, "deck", questionId, "555", Now);
}
