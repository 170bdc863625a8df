using QuizBot.Core.Players;

namespace QuizBot.Postgres.Tests;

/// <summary>The /stats progress query on PostgreSQL: answers per day from the rollup, cards and last activity.</summary>
public sealed class PlayerProgressTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset From = new(2025, 2, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Answers_land_on_their_utc_day_and_the_last_one_is_the_last_activity()
    {
        await using var db = await fixture.NewDatabaseAsync();
        var ann = new PlayerKey("g1", "ann");
        var session = Answers.Session(ann, "s1", count: 4, startedAt: From);
        var times = new[] { From, From.AddHours(1), From.AddDays(1), From.AddDays(2) };
        for (var i = 0; i < times.Length; i++)
        {
            var answer = Answers.Make(ann, session.Id, i, i != 1, times[i]);
            session = Answers.After(session, answer);
            Assert.True(await db.Store.Quizzes.RecordAnswerAsync(answer, session));
        }

        var progress = await db.Store.Progress.GetProgressAsync(ann, From.AddDays(2).AddHours(1));

        Assert.Equal(30, progress.Days.Count);
        Assert.Equal(DateOnly.FromDateTime(From.AddDays(2).UtcDateTime), progress.Days[^1].Day);
        Assert.Equal((2, 1), (progress.Days[^3].Answered, progress.Days[^3].Correct));
        Assert.Equal((1, 1), (progress.Days[^2].Answered, progress.Days[^2].Correct));
        Assert.Equal(4, progress.Days.Sum(d => d.Answered));
        Assert.Equal(14, progress.DueByDay.Count);
        Assert.Equal(0, progress.CardsLearned + progress.CardsLearning);
        Assert.Equal(From.AddDays(2), progress.LastActivityAt);
    }
}
