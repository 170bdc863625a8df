using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;

namespace QuizBot.Store.Contracts;

/// <summary>
/// What every <see cref="IPlayerProgressQuery"/> must return for the stats picture: answers per UTC day equal to a
/// recount, cards due per coming UTC day, cards by phase and the last activity, from data written through the ports.
/// </summary>
public abstract class PlayerProgressQueryContract
{
    private static readonly PlayerKey Ann = new("guild-1", "ann");
    private static readonly DateTimeOffset Now = new(2025, 3, 20, 15, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2025, 3, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The ports on a new, empty database.</summary>
    protected abstract ContractStores CreateStores();

    [Fact]
    public async Task A_player_with_nothing_gets_a_full_window_of_zeros_and_no_activity()
    {
        var progress = await CreateStores().Progress.GetProgressAsync(Ann, Now);

        Assert.Equal(30, progress.Days.Count);
        Assert.All(progress.Days, d => Assert.Equal((0, 0), (d.Answered, d.Correct)));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => new DateOnly(2025, 2, 19).AddDays(i)), progress.Days.Select(d => d.Day));
        Assert.Equal(new int[14], progress.DueByDay);
        Assert.Equal((0, 0, null), (progress.CardsLearned, progress.CardsLearning, progress.LastActivityAt));
    }

    [Fact]
    public async Task Days_cover_the_window_ending_today_with_answers_on_their_utc_day()
    {
        var stores = CreateStores();
        var answers = new List<(PlayerKey Player, DateTimeOffset At, bool Correct)>
        {
            (Ann, Midnight, true), (Ann, Midnight.AddHours(9), true), (Ann, Midnight.AddHours(15), false), (Ann, Now, true), (Ann, Now, true),
            (Ann, Midnight.AddDays(-29), true), (Ann, Midnight.AddDays(-29).AddHours(23), false),     // the window's first day
            (Ann, Midnight.AddDays(-29).AddMilliseconds(-1), true),                                 // the day before it
            (Ann, Midnight.AddDays(1), true),                                                       // tomorrow
            (Ann with { Scope = "guild-2" }, Now, true),                                            // another server
            (Ann with { UserId = "bob" }, Now, true),                                               // another member
        };
        for (var i = 0; i < answers.Count; i++)
        {
            var (player, at, correct) = answers[i];
            Assert.True(await stores.Quizzes.RecordAsync(Answers.Make(player, $"s{i}", 0, correct, at)));
        }

        var progress = await stores.Progress.GetProgressAsync(Ann, Now);
        Assert.Equal(30, progress.Days.Count);
        Assert.Equal(new DailyAnswers(new DateOnly(2025, 2, 19), 2, 1), progress.Days[0]);
        Assert.Equal(new DailyAnswers(new DateOnly(2025, 3, 20), 5, 4), progress.Days[^1]);
        Assert.Equal(7, progress.Days.Sum(d => d.Answered));

        var week = await stores.Progress.GetProgressAsync(Ann, Now, days: 7);
        Assert.Equal(progress.Days.TakeLast(7), week.Days);
    }

    [Fact]
    public async Task Cards_fall_due_on_their_utc_day_overdue_cards_count_today_and_phases_are_counted()
    {
        var stores = CreateStores();
        async Task Card(string id, CardPhase phase, DateTimeOffset due, PlayerKey? player = null) =>
            await stores.Study.SaveCardAsync(player ?? Ann, new CardState(id, phase, 0, 1, 5, due, due.AddDays(-1), 1, 0));

        await Card("overdue", CardPhase.Review, Midnight.AddDays(-3));
        await Card("later-today", CardPhase.Learning, Midnight.AddHours(23));
        await Card("tomorrow-first-moment", CardPhase.Review, Midnight.AddDays(1));
        await Card("new-in-2-days", CardPhase.New, Midnight.AddDays(2).AddHours(1));
        await Card("in-13-days", CardPhase.Relearning, Midnight.AddDays(13).AddMilliseconds(5));
        await Card("in-14-days", CardPhase.Review, Midnight.AddDays(14));
        await Card("someone-else", CardPhase.Review, Midnight, Ann with { UserId = "bob" });

        var progress = await stores.Progress.GetProgressAsync(Ann, Now);
        Assert.Equal([2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], progress.DueByDay);
        Assert.Equal((3, 2), (progress.CardsLearned, progress.CardsLearning)); // the new card is neither

        var shortForecast = await stores.Progress.GetProgressAsync(Ann, Now, forecastDays: 2);
        Assert.Equal([2, 1], shortForecast.DueByDay);
    }

    [Fact]
    public async Task Last_activity_is_the_latest_answer_or_review_and_a_late_older_answer_does_not_move_it_back()
    {
        var stores = CreateStores();
        Assert.Null((await stores.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);

        await stores.Quizzes.RecordAsync(Answers.Make(Ann, "s1", 0, true, Now.AddHours(-2)));
        Assert.Equal(Now.AddHours(-2), (await stores.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);

        await stores.Study.SaveCardAsync(Ann, new CardState("card", CardPhase.Review, 0, 1, 5, Now.AddDays(3), Now.AddHours(-1), 1, 0));
        Assert.Equal(Now.AddHours(-1), (await stores.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);

        await stores.Quizzes.RecordAsync(Answers.Make(Ann, "s2", 0, true, Now.AddHours(-5)));
        Assert.Equal(Now.AddHours(-1), (await stores.Progress.GetProgressAsync(Ann, Now)).LastActivityAt);
        Assert.Null((await stores.Progress.GetProgressAsync(Ann with { Scope = "guild-2" }, Now)).LastActivityAt);
    }

    [Fact]
    public async Task Answers_per_day_equal_a_recount_for_any_day_and_window()
    {
        var stores = CreateStores();
        var random = new Random(3);
        var players = new[] { Ann, Ann with { UserId = "bob" }, Ann with { Scope = "guild-2" } };
        var recorded = new List<Core.Quiz.AnswerRecord>();
        for (var s = 0; s < 40; s++)
        {
            var player = players[random.Next(players.Length)];
            var start = Midnight.AddDays(-60).AddMinutes(random.Next(70 * 24 * 60));
            var length = random.Next(1, 8);
            for (var i = 0; i < length; i++)
            {
                var answer = Answers.Make(player, $"s{s}", i, random.Next(3) > 0, start.AddMinutes(i * random.Next(1, 200)));
                Assert.True(await stores.Quizzes.RecordAsync(answer));
                recorded.Add(answer);
            }
        }

        foreach (var (now, days) in new[] { (Now, 30), (Now.AddDays(-20), 7), (Midnight.AddDays(5).AddTicks(-1), 45), (Midnight.AddDays(-61), 3) })
        {
            foreach (var player in players)
            {
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var expected = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).Select(day =>
                {
                    var onDay = recorded.Where(a => a.Player == player && DateOnly.FromDateTime(a.AnsweredAt.UtcDateTime) == day).ToList();
                    return new DailyAnswers(day, onDay.Count, onDay.Count(a => a.Correct));
                });
                Assert.Equal(expected, (await stores.Progress.GetProgressAsync(player, now, days)).Days);
            }
        }
    }

    [Theory]
    [InlineData(0, 14)]
    [InlineData(30, 0)]
    [InlineData(367, 14)]
    [InlineData(30, 367)]
    public async Task Windows_out_of_range_are_refused(int days, int forecastDays) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateStores().Progress.GetProgressAsync(Ann, Now, days, forecastDays));
}
