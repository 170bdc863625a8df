using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Sqlite.Tests;

public sealed class QuizSessionCacheTests
{
    private static readonly PlayerKey Ann = new("guild-1", "ann");

    [Fact]
    public void A_later_version_is_never_replaced_by_an_earlier_one()
    {
        var cache = new QuizSessionCache();
        var v0 = Session("s1", Ann);
        var v1 = Answer(v0, correct: true).After;
        cache.Remember(v1);
        cache.Remember(v0);

        Assert.Equal(1, cache.Find("s1")!.Version);
        Assert.Null(cache.Find("s2"));
    }

    [Fact]
    public void Finished_and_shared_sessions_are_not_kept()
    {
        var cache = new QuizSessionCache();
        var open = Session("s1", Ann, questions: 1);
        cache.Remember(open);
        cache.Remember(Answer(open, correct: true).After);
        cache.Remember(Session("trivia", Ann, mode: QuizMode.Trivia));

        Assert.Equal(0, cache.Count);
        Assert.Null(cache.Find("s1"));
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_the_store_keeps()
    {
        var cache = new QuizSessionCache();
        var started = new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero).AddTicks(12_345);
        cache.Remember(Session("s1", Ann) with { StartedAt = started });

        Assert.Equal(started.AddTicks(-2_345), cache.Find("s1")!.StartedAt);
    }

    [Fact]
    public void It_holds_at_most_its_capacity_dropping_the_older_half()
    {
        var cache = new QuizSessionCache(capacity: 8);
        for (var i = 0; i < 20; i++)
        {
            cache.Remember(Session($"s{i}", Ann with { UserId = $"member-{i}" }));
        }

        Assert.InRange(cache.Count, 4, 8);
        Assert.NotNull(cache.Find("s19"));
        Assert.Null(cache.Find("s0"));
    }
}
