using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Study;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Study;

public sealed class StudyServiceTests
{
    private static readonly PlayerKey Player = new("guild-1", "user-1");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStudyStore store = new();
    private readonly Deck deck = TestDecks.Build(facts: 4);

    [Fact]
    public async Task A_new_card_comes_with_its_back_sources_and_rating_previews()
    {
        var next = await new StudyService(store, clock).NextAsync(Player, deck, null);

        Assert.Equal(StudyStatus.Card, next.Status);
        Assert.Equal("fact-1", next.Card!.CardId);
        Assert.True(next.Card.IsNew);
        Assert.Equal("Back 1", next.Card.Fact.Card.Back);
        Assert.Equal([4, 2], next.Card.Citations.Select(c => c.Footnote));
        Assert.Equal(["1m", "6m", "10m", "8d"], next.Card.Previews.Select(p => p.Label));
        Assert.Equal([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy], next.Card.Previews.Select(p => p.Rating));
        Assert.Equal(clock.GetUtcNow().AddDays(8), next.Card.Previews[3].Due);
        Assert.Equal(new StudyCounts(0, 4, 0), next.Counts);
    }

    [Fact]
    public async Task Rating_saves_the_state_and_log_and_moves_on()
    {
        var service = new StudyService(store, clock);
        var rated = await service.RateAsync(Player, deck, "fact-1", Rating.Good, expectedReps: 0);

        Assert.Equal(RateStatus.Rated, rated.Status);
        Assert.Equal("10m", rated.IntervalLabel);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), (await store.GetCardsAsync(Player))["fact-1"].Due);
        Assert.Equal(CardPhase.New, Assert.Single(store.Log(Player)).PhaseBefore);
        Assert.Equal("fact-2", rated.Next!.Card!.CardId);
        Assert.Equal(new StudyCounts(0, 3, 1), rated.Next.Counts);
    }

    [Fact]
    public async Task A_second_click_on_the_same_card_is_already_rated()
    {
        var service = new StudyService(store, clock);
        await service.RateAsync(Player, deck, "fact-1", Rating.Good, expectedReps: 0);
        var again = await service.RateAsync(Player, deck, "fact-1", Rating.Easy, expectedReps: 0);
        Assert.Equal(RateStatus.AlreadyRated, again.Status);
        Assert.Single(store.Log(Player));
    }

    [Fact]
    public async Task A_learning_card_comes_back_when_due_before_new_cards()
    {
        var service = new StudyService(store, clock, new StudyOptions { NewCardsPerDay = 2 });
        await service.RateAsync(Player, deck, "fact-1", Rating.Again);
        await service.RateAsync(Player, deck, "fact-2", Rating.Good);

        var nothing = await service.NextAsync(Player, deck, null);
        Assert.Equal(StudyStatus.NothingDue, nothing.Status);
        Assert.Equal(clock.GetUtcNow().AddMinutes(1), nothing.NextDueAt);
        Assert.Contains("09:01 UTC", nothing.Message, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        var due = await service.NextAsync(Player, deck, null);
        Assert.Equal("fact-1", due.Card!.CardId);
        Assert.False(due.Card.IsNew);
        Assert.Equal(new StudyCounts(1, 0, 2), due.Counts);
    }

    [Fact]
    public async Task The_daily_limit_resets_at_utc_midnight()
    {
        var service = new StudyService(store, clock, new StudyOptions { NewCardsPerDay = 1 });
        await service.RateAsync(Player, deck, "fact-1", Rating.Easy);
        Assert.Equal(StudyStatus.NothingDue, (await service.NextAsync(Player, deck, null)).Status);

        clock.SetUtcNow(new DateTimeOffset(2025, 6, 2, 0, 0, 1, TimeSpan.Zero));
        var tomorrow = await service.NextAsync(Player, deck, null);
        Assert.Equal("fact-2", tomorrow.Card!.CardId);
        Assert.Equal(new StudyCounts(0, 1, 0), tomorrow.Counts);
    }

    [Fact]
    public async Task Topic_filter_and_unknown_topic()
    {
        var service = new StudyService(store, clock);
        var even = await service.NextAsync(Player, deck, "even");
        Assert.Equal("fact-2", even.Card!.CardId);
        Assert.Equal(2, even.Counts.NewAvailableToday);

        var unknown = await service.NextAsync(Player, deck, "weather");
        Assert.Equal(StudyStatus.UnknownTopic, unknown.Status);
        Assert.Contains("even", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_card_changes_nothing()
    {
        var result = await new StudyService(store, clock).RateAsync(Player, deck, "no-such-card", Rating.Good);
        Assert.Equal(RateStatus.UnknownCard, result.Status);
        var badRating = await new StudyService(store, clock).RateAsync(Player, deck, "fact-1", (Rating)9);
        Assert.Equal(RateStatus.UnknownCard, badRating.Status);
        Assert.Contains("Again, Hard, Good or Easy", badRating.Message, StringComparison.Ordinal);
        Assert.Empty(store.Log(Player));
    }

    [Fact]
    public void A_negative_daily_limit_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new StudyService(store, clock, new StudyOptions { NewCardsPerDay = -1 }));
    }
}
