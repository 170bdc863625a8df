using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Catalog;
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

    private StudyService Service(int newPerDay = 10) =>
        new(store, DeckCatalog.Of(deck), clock, new StudyOptions { NewCardsPerDay = newPerDay });

    [Fact]
    public async Task A_new_card_comes_with_its_back_sources_and_rating_previews()
    {
        var next = Assert.IsType<StudyScreen.Card>(await Service().NextAsync(Player, null));

        Assert.Equal("fact-1", next.Current.CardId);
        Assert.True(next.Current.IsNew);
        Assert.Equal("Back 1", next.Current.Fact.Card.Back);
        Assert.Equal([4, 2], next.Current.Citations.Select(c => c.Footnote));
        Assert.Equal(["1m", "6m", "10m", "8d"], next.Current.Previews.Select(p => p.Label));
        Assert.Equal(new StudyCounts(0, 4, 0), next.Counts);
    }

    [Fact]
    public async Task Rating_the_shown_card_schedules_it_and_shows_the_next()
    {
        var service = Service();
        var card = Assert.IsType<StudyScreen.Card>(await service.NextAsync(Player, null)).Current;

        var rated = Assert.IsType<RateOutcome.Rated>(await service.RateAsync(Player, null, card.CardId, card.ShownVersion, Rating.Good));

        Assert.Equal(TimeSpan.FromMinutes(10), rated.Interval);
        Assert.Equal("fact-2", Assert.IsType<StudyScreen.Card>(rated.Next).Current.CardId);
        Assert.Single(store.Log(Player));
    }

    [Fact]
    public async Task Fifty_simultaneous_presses_rate_the_card_once()
    {
        var service = Service();
        var card = Assert.IsType<StudyScreen.Card>(await service.NextAsync(Player, null)).Current;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var presses = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () => { await gate.Task; return await service.RateAsync(Player, null, card.CardId, card.ShownVersion, Rating.Good); }))
            .ToList();
        gate.SetResult();
        var outcomes = await Task.WhenAll(presses);

        Assert.Single(outcomes, o => o is RateOutcome.Rated);
        Assert.Equal(49, outcomes.Count(o => o is RateOutcome.AlreadyRated));
        Assert.Single(store.Log(Player));
    }

    [Fact]
    public async Task A_card_never_shown_cannot_be_rated_nor_pass_the_new_card_limit()
    {
        var service = Service(newPerDay: 1);
        var shown = Assert.IsType<StudyScreen.Card>(await service.NextAsync(Player, null)).Current;

        // A forged button or form for another card, at any version, changes nothing.
        Assert.IsType<RateOutcome.AlreadyRated>(await service.RateAsync(Player, null, "fact-3", shown.ShownVersion, Rating.Easy));
        Assert.IsType<RateOutcome.AlreadyRated>(await service.RateAsync(Player, null, "fact-3", shown.ShownVersion + 1, Rating.Easy));
        Assert.IsType<RateOutcome.UnknownCard>(await service.RateAsync(Player, null, "no-such-card", shown.ShownVersion, Rating.Easy));
        Assert.Empty(store.Log(Player));

        var rated = Assert.IsType<RateOutcome.Rated>(await service.RateAsync(Player, null, shown.CardId, shown.ShownVersion, Rating.Easy));
        Assert.IsType<StudyScreen.Done>(rated.Next);
        Assert.IsType<RateOutcome.AlreadyRated>(await service.RateAsync(Player, null, "fact-2", 99, Rating.Easy));
        Assert.Single(store.Log(Player));
    }

    [Fact]
    public async Task An_unknown_topic_says_so_with_suggestions()
    {
        var unknown = Assert.IsType<StudyScreen.UnknownTopic>(await Service().NextAsync(Player, "od"));
        Assert.Equal("odd", Assert.Single(unknown.Topic.Suggestions));
    }
}
