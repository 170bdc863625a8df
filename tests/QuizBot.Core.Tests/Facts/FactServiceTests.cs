using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Facts;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Facts;

public sealed class FactServiceTests
{
    private static readonly Deck Main = TestDecks.Build(12);
    private static readonly Deck Rivers = TestDecks.Build(1, "river-deck") with { Facts = [TestDecks.Fact(1) with { Id = "river-1", Topics = ["rivers"] }] };

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FactService service;

    public FactServiceTests()
    {
        service = new FactService(new DeckCatalog([Main, Rivers]), clock);
    }

    [Fact]
    public void Without_a_topic_a_fact_of_the_default_deck_is_shown_with_its_citations()
    {
        var shown = Assert.IsType<FactOutcome.Shown>(service.Pick("user-1", null));

        Assert.Same(Main, shown.Deck);
        Assert.Contains(shown.Fact, Main.Facts);
        Assert.Equal(CitationFormatter.For(Main).Cite(shown.Fact), shown.Citations);
    }

    [Theory]
    [InlineData("even")]
    [InlineData(" EVEN ")]
    public void A_topic_gives_a_fact_on_that_topic_for_every_member_and_minute(string topic)
    {
        for (var member = 0; member < 20; member++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var shown = Assert.IsType<FactOutcome.Shown>(service.Pick($"user-{member}", topic));
            Assert.Contains("even", shown.Fact.Topics);
        }
    }

    [Fact]
    public void A_topic_of_another_deck_picks_from_that_deck()
    {
        var shown = Assert.IsType<FactOutcome.Shown>(service.Pick("user-1", "rivers"));

        Assert.Same(Rivers, shown.Deck);
        Assert.Equal("river-1", shown.Fact.Id);
    }

    [Fact]
    public void An_unknown_topic_shows_nothing_and_says_what_is_near()
    {
        var unknown = Assert.IsType<FactOutcome.UnknownTopic>(service.Pick("user-1", "rivres"));

        Assert.Equal("rivres", unknown.Choice.Given);
        Assert.Equal(["rivers"], unknown.Choice.Suggestions);
    }

    [Fact]
    public void The_same_member_sees_the_same_fact_within_a_minute_and_others_over_the_minutes()
    {
        var first = Assert.IsType<FactOutcome.Shown>(service.Pick("user-1", null)).Fact;
        clock.Advance(TimeSpan.FromSeconds(59) - TimeSpan.FromTicks(clock.GetUtcNow().Ticks % TimeSpan.TicksPerMinute));
        Assert.Same(first, Assert.IsType<FactOutcome.Shown>(service.Pick("user-1", null)).Fact);

        var overAnHour = Enumerable.Range(0, 60).Select(_ =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return Assert.IsType<FactOutcome.Shown>(service.Pick("user-1", null)).Fact.Id;
        }).Distinct().Count();
        Assert.True(overAnHour > 6, $"{overAnHour} different facts in an hour");
    }

    [Fact]
    public void Different_members_in_the_same_minute_see_different_facts()
    {
        var members = Enumerable.Range(0, 30).Select(i => Assert.IsType<FactOutcome.Shown>(service.Pick($"user-{i}", null)).Fact.Id).Distinct().Count();

        Assert.True(members > 6, $"{members} different facts for 30 members");
    }
}
