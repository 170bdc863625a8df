using QuizBot.Core.Decks;
using QuizBot.Core.Study;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Study;

public sealed class StudySchedulerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 15, 0, 0, TimeSpan.Zero);
    private readonly IReadOnlyList<Fact> cards = TestDecks.Build(facts: 6).Facts;

    [Fact]
    public void Due_reviews_come_before_new_cards_earliest_due_first()
    {
        var states = new Dictionary<string, CardState>
        {
            ["fact-3"] = Reviewed("fact-3", due: Now.AddHours(-1)),
            ["fact-5"] = Reviewed("fact-5", due: Now.AddDays(-2)),
            ["fact-1"] = Reviewed("fact-1", due: Now.AddDays(3)),
        };

        var queue = StudyScheduler.Build(cards, states, [], Now);

        Assert.Equal(["fact-5", "fact-3"], queue.DueCardIds);
        Assert.Equal(["fact-2", "fact-4", "fact-6"], queue.NewCardIds);
        Assert.Equal("fact-5", queue.NextCardId);
        Assert.Equal(new StudyCounts(2, 3, 0), queue.Counts);
        Assert.Null(queue.NextDueAt);
    }

    [Fact]
    public void New_cards_are_limited_per_utc_day_across_topics()
    {
        ReviewLogEntry[] log =
        [
            First("other-topic-card", Now.AddHours(-2)),
            First("fact-9", Now.AddHours(-1)),
            First("yesterday", StudyScheduler.StartOfUtcDay(Now).AddMinutes(-1)),
            new("fact-9", Rating.Good, Now.AddMinutes(-30), 0, 0, CardPhase.Learning),
        ];

        var queue = StudyScheduler.Build(cards, new Dictionary<string, CardState>(), log, Now, newCardsPerDay: 4);

        Assert.Equal(["fact-1", "fact-2"], queue.NewCardIds);
        Assert.Equal(new StudyCounts(0, 2, 3), queue.Counts);
    }

    [Fact]
    public void With_nothing_due_the_next_due_time_is_given()
    {
        var states = cards.ToDictionary(c => c.Id, c => Reviewed(c.Id, due: Now.AddHours(int.Parse(c.Id[5..], System.Globalization.CultureInfo.InvariantCulture))));
        var queue = StudyScheduler.Build(cards, states, [], Now);
        Assert.Null(queue.NextCardId);
        Assert.Equal(Now.AddHours(1), queue.NextDueAt);
    }

    [Fact]
    public void When_the_new_limit_is_spent_new_cards_come_back_tomorrow()
    {
        var queue = StudyScheduler.Build(cards, new Dictionary<string, CardState>(), [], Now, newCardsPerDay: 0);
        Assert.Null(queue.NextCardId);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), queue.NextDueAt);
    }

    [Fact]
    public void A_learning_card_due_in_minutes_wins_over_tomorrows_new_cards()
    {
        var states = new Dictionary<string, CardState> { ["fact-1"] = Reviewed("fact-1", Now.AddMinutes(10)) with { Phase = CardPhase.Learning } };
        var queue = StudyScheduler.Build(cards, states, [], Now, newCardsPerDay: 0);
        Assert.Equal(Now.AddMinutes(10), queue.NextDueAt);
    }

    [Fact]
    public void Topic_filter_keeps_its_facts_and_knows_unknown_topics()
    {
        var deck = TestDecks.Build(facts: 6);
        Assert.Equal(["fact-1", "fact-3", "fact-5"], StudyScheduler.CardsOn(deck, "Odd", out var topic)!.Select(f => f.Id));
        Assert.Equal("odd", topic);
        Assert.Equal(6, StudyScheduler.CardsOn(deck, null, out _)!.Count);
        Assert.Null(StudyScheduler.CardsOn(deck, "weather", out _));
    }

    private static CardState Reviewed(string id, DateTimeOffset due) =>
        new(id, CardPhase.Review, 0, 5, 5, due, due.AddDays(-5), 3, 0);

    private static ReviewLogEntry First(string id, DateTimeOffset at) => new(id, Rating.Good, at, 0, 0, CardPhase.New);
}
