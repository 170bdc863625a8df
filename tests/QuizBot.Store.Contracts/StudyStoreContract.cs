using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Study;
using static QuizBot.Store.Contracts.ContractData;

namespace QuizBot.Store.Contracts;

/// <summary>What every <see cref="IStudyStore"/> must do: only the card on screen can be rated, and only once.</summary>
public abstract class StudyStoreContract
{
    protected static readonly PlayerKey Ann = new("guild-1", "ann");

    protected abstract IStudyStore CreateStore();

    private static CardReview Review(ShownCard shown, Rating rating = Rating.Good)
    {
        var result = new FsrsScheduler().Review(FsrsScheduler.NewCard(shown.CardId, Now), rating, Now);
        return new CardReview(shown, result.After, result.Log);
    }

    [Fact]
    public async Task Showing_the_same_card_keeps_its_version_and_another_card_moves_it_on()
    {
        var store = CreateStore();
        var first = await store.ShowAsync(Ann, "fact-1");
        Assert.Equal(first, await store.ShowAsync(Ann, "fact-1"));
        var second = await store.ShowAsync(Ann, "fact-2");
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(second, await store.GetShownAsync(Ann));
        Assert.Null(await store.GetShownAsync(Ann with { UserId = "bob" }));
    }

    [Fact]
    public async Task Fifty_simultaneous_ratings_of_the_shown_card_store_one_review()
    {
        var store = CreateStore();
        var shown = await store.ShowAsync(Ann, "fact-1");

        var results = await AllAtOnceAsync(50, _ => store.RateAsync(Ann, Review(shown)));

        Assert.Single(results, rated => rated);
        Assert.Single(await store.GetReviewLogAsync(Ann));
        Assert.Equal(1, (await store.GetCardsAsync(Ann))["fact-1"].Reps);
        Assert.Null(await store.GetShownAsync(Ann));
    }

    [Fact]
    public async Task A_card_never_shown_or_no_longer_shown_cannot_be_rated()
    {
        var store = CreateStore();
        Assert.False(await store.RateAsync(Ann, Review(new ShownCard("fact-9", 1))));

        var old = await store.ShowAsync(Ann, "fact-1");
        await store.ShowAsync(Ann, "fact-2");
        Assert.False(await store.RateAsync(Ann, Review(old)));
        Assert.Empty(await store.GetReviewLogAsync(Ann));
        Assert.Empty(await store.GetCardsAsync(Ann));
    }

    [Fact]
    public async Task After_a_rating_the_same_card_shown_again_gets_a_new_version()
    {
        var store = CreateStore();
        var shown = await store.ShowAsync(Ann, "fact-1");
        Assert.True(await store.RateAsync(Ann, Review(shown, Rating.Again)));

        var again = await store.ShowAsync(Ann, "fact-1");
        Assert.NotEqual(shown.Version, again.Version);
        Assert.False(await store.RateAsync(Ann, Review(shown)));
        Assert.True(await store.RateAsync(Ann, Review(again)));
        Assert.Equal(2, (await store.GetReviewLogAsync(Ann)).Count);
    }
}
