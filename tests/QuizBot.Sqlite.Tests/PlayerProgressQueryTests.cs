using Microsoft.Data.Sqlite;
using QuizBot.Core.Players;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite.Tests;

public sealed class PlayerProgressQueryTests : IDisposable
{
    private static readonly PlayerKey Ann = new("guild-1", "ann");
    private static readonly DateTimeOffset Now = new(2025, 3, 20, 15, 30, 0, TimeSpan.Zero);
    private static readonly long Today = Now.ToUnixTimeMilliseconds() / 86_400_000;

    private readonly TestDatabase db = new();

    [Fact]
    public async Task Days_cover_the_window_ending_today_with_zeros_for_quiet_days()
    {
        _ = db.Store;
        Exec("INSERT INTO score_days VALUES ('guild-1', 'ann', @Day, 0, @Answered, @Correct);", ("@Day", Today), ("@Answered", 5), ("@Correct", 4));
        Exec("INSERT INTO score_days VALUES ('guild-1', 'ann', @Day, 0, @Answered, @Correct);", ("@Day", Today - 29), ("@Answered", 2), ("@Correct", 1));
        Exec("INSERT INTO score_days VALUES ('guild-1', 'ann', @Day, 0, @Answered, @Correct);", ("@Day", Today - 30), ("@Answered", 9), ("@Correct", 9));
        Exec("INSERT INTO score_days VALUES ('guild-1', 'ann', @Day, 0, @Answered, @Correct);", ("@Day", Today + 1), ("@Answered", 9), ("@Correct", 9));
        Exec("INSERT INTO score_days VALUES ('guild-2', 'ann', @Day, 0, @Answered, @Correct);", ("@Day", Today), ("@Answered", 7), ("@Correct", 7));

        var progress = await db.Store.Progress.GetProgressAsync(Ann, Now);

        Assert.Equal(30, progress.Days.Count);
        Assert.Equal(new DateOnly(2025, 2, 19), progress.Days[0].Day);
        Assert.Equal(new DateOnly(2025, 3, 20), progress.Days[^1].Day);
        Assert.Equal((2, 1), (progress.Days[0].Answered, progress.Days[0].Correct));
        Assert.Equal((5, 4), (progress.Days[^1].Answered, progress.Days[^1].Correct));
        Assert.Equal(7, progress.Days.Sum(d => d.Answered));
    }

    [Fact]
    public async Task Cards_fall_due_on_their_utc_day_and_overdue_cards_count_today()
    {
        _ = db.Store;
        var midnight = Today * 86_400_000;
        Card("overdue", CardPhase.Review, midnight - (3 * 86_400_000));
        Card("later-today", CardPhase.Learning, midnight + (23 * 3_600_000));
        Card("tomorrow-first-minute", CardPhase.Review, midnight + 86_400_000);
        Card("in-13-days", CardPhase.Relearning, midnight + (13 * 86_400_000) + 5);
        Card("in-14-days", CardPhase.Review, midnight + (14 * 86_400_000));

        var progress = await db.Store.Progress.GetProgressAsync(Ann, Now);

        Assert.Equal(14, progress.DueByDay.Count);
        Assert.Equal(2, progress.DueByDay[0]);
        Assert.Equal(1, progress.DueByDay[1]);
        Assert.Equal(1, progress.DueByDay[13]);
        Assert.Equal(4, progress.DueByDay.Sum());
        Assert.Equal(3, progress.CardsLearned);
        Assert.Equal(2, progress.CardsLearning);
    }

    [Fact]
    public async Task Last_activity_is_the_latest_answer_or_review_and_moves_with_each()
    {
        _ = db.Store;
        Assert.Null((await db.Store.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);

        var answeredAt = Now.AddHours(-2);
        Exec("""
            INSERT INTO users VALUES ('guild-1', 'ann', 'Ann', 0);
            INSERT INTO answers (scope, user_id, session_id, question_index, question_id, fact_id, topics, correct, points, mode, answered_at)
            VALUES ('guild-1', 'ann', 's1', 0, 'q0', 'f0', 'csto', 1, 10, 'quiz', @At);
            """, ("@At", answeredAt.ToUnixTimeMilliseconds()));
        Assert.Equal(answeredAt, (await db.Store.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);

        Card("reviewed", CardPhase.Review, Now.AddDays(3).ToUnixTimeMilliseconds(), lastReview: Now.AddHours(-1).ToUnixTimeMilliseconds());
        Assert.Equal(Now.AddHours(-1), (await db.Store.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);
    }

    [Theory]
    [InlineData(0, 14)]
    [InlineData(30, 0)]
    [InlineData(367, 14)]
    public async Task Windows_out_of_range_are_refused(int days, int forecastDays) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Store.Progress.GetProgressAsync(Ann, Now, days, forecastDays));

    public void Dispose() => db.Dispose();

    private void Card(string id, CardPhase phase, long due, long? lastReview = null) =>
        Exec(
            "INSERT INTO card_states VALUES ('guild-1', 'ann', @Id, @Phase, 0, 1.0, 5.0, @Due, @LastReview, 1, 0);",
            ("@Id", id),
            ("@Phase", (int)phase),
            ("@Due", due),
            ("@LastReview", lastReview ?? due - 86_400_000));

    private void Exec(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, value));
        }

        command.ExecuteNonQuery();
    }
}
