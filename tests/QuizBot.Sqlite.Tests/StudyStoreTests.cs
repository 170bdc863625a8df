using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite.Tests;

public sealed class StudyStoreTests : IDisposable
{
    private static readonly PlayerKey Ann = new("g1", "ann");
    private static readonly DateTimeOffset Now = new(2025, 3, 5, 18, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Card_states_and_the_review_log_round_trip_across_a_restart()
    {
        var first = new CardState("fact-1", CardPhase.Learning, 1, 2.3065, 6.4133018, Now.AddMinutes(10), Now, 1, 0);
        var firstReview = new ReviewLogEntry("fact-1", Rating.Good, Now, 0, 0.00694, CardPhase.New);
        var second = new CardState("fact-2", CardPhase.Review, 0, 12.5, 4.25, Now.AddDays(12), Now.AddMinutes(1), 3, 1);
        var secondReview = new ReviewLogEntry("fact-2", Rating.Easy, Now.AddMinutes(1), 3.5, 12.5, CardPhase.Review);
        var firstAgain = first with { Phase = CardPhase.Review, Step = 0, Due = Now.AddDays(3), LastReview = Now.AddMinutes(10), Reps = 2 };
        var firstAgainReview = new ReviewLogEntry("fact-1", Rating.Hard, Now.AddMinutes(10), 0.00694, 3, CardPhase.Learning);

        await db.Store.Study.SaveReviewAsync(Ann, first, firstReview);
        await db.Store.Study.SaveReviewAsync(Ann, second, secondReview);
        await db.Store.Study.SaveReviewAsync(Ann, firstAgain, firstAgainReview);
        await db.Store.Study.SaveReviewAsync(new PlayerKey("g2", "ann"), second with { CardId = "other" }, secondReview with { CardId = "other" });

        var store = db.Reopen();
        var cards = await store.Study.GetCardsAsync(Ann);
        Assert.Equal(2, cards.Count);
        Assert.Equal(firstAgain, cards["fact-1"]);
        Assert.Equal(second, cards["fact-2"]);
        Assert.Equal([firstReview, secondReview, firstAgainReview], await store.Study.GetReviewLogAsync(Ann));
        Assert.Empty(await store.Study.GetCardsAsync(new PlayerKey("g1", "bob")));
    }

    [Fact]
    public async Task A_card_never_reviewed_without_a_due_date_keeps_no_last_review()
    {
        var card = new CardState("fact-9", CardPhase.Learning, 0, 0.2, 7, Now.AddMinutes(1), null, 0, 0);
        await db.Store.Study.SaveReviewAsync(Ann, card, new ReviewLogEntry("fact-9", Rating.Again, Now, 0, 0, CardPhase.New));
        Assert.Null((await db.Store.Study.GetCardsAsync(Ann))["fact-9"].LastReview);
    }

    [Fact]
    public async Task A_mismatched_or_malformed_review_is_refused_and_stores_nothing()
    {
        var card = new CardState("fact-1", CardPhase.Review, 0, 2, 5, Now, Now, 1, 0);
        var review = new ReviewLogEntry("fact-1", Rating.Good, Now, 0, 2, CardPhase.New);

        await Assert.ThrowsAsync<ArgumentException>(() => db.Store.Study.SaveReviewAsync(Ann, card, review with { CardId = "fact-2" }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Store.Study.SaveReviewAsync(Ann, card with { Stability = double.NaN }, review));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Store.Study.SaveReviewAsync(Ann, card, review with { Rating = (Rating)9 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Store.Study.SaveReviewAsync(Ann, card with { Reps = -1 }, review));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Store.Study.SaveReviewAsync(new PlayerKey("", "ann"), card, review));

        using var connection = db.OpenRaw();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT (SELECT COUNT(*) FROM card_states) + (SELECT COUNT(*) FROM review_log);"));
    }
}
