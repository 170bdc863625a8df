using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;

namespace QuizBot.Sqlite.Tests;

/// <summary>Seeds the stores through their ports the way the services do, for tests that need data in place.</summary>
internal static class StoreSeeding
{
    /// <summary>Shows the card, then rates it: the only way a review is stored.</summary>
    public static async Task SaveReviewAsync(this SqliteStudyStore store, PlayerKey player, CardState after, ReviewLogEntry review)
    {
        var shown = await store.ShowAsync(player, after.CardId);
        Assert.True(await store.RateAsync(player, new CardReview(shown, after, review)));
    }

    /// <summary>Stores a session: opened when it is new and personal, else written by trivia's path.</summary>
    public static async Task<bool> SaveSessionAsync(this SqliteQuizStore store, QuizSession session)
    {
        if (await store.GetSessionAsync(session.Id) is null && session.IsPersonal && !session.IsFinished)
        {
            return await store.OpenAsync(session) is QuizOpenResult.Opened;
        }

        var stored = await store.GetSessionAsync(session.Id);
        if (stored is null)
        {
            return await store.ApplyAsync(new QuizTransition(session with { Position = 0, Version = 0 }, session with { Version = 1 }, [], null)) is QuizTransitionResult.AppliedResult;
        }

        return await store.ApplyAsync(new QuizTransition(stored, session with { Version = stored.Version + 1 }, [], null)) is QuizTransitionResult.AppliedResult;
    }

    public static Task<QuizSession?> GetOpenQuizAsyncFor(this SqliteQuizStore store, PlayerKey player, QuizMode mode) =>
        mode is QuizMode.Quiz or QuizMode.Review ? store.GetOpenQuizAsync(player) : Task.FromResult<QuizSession?>(null);
}
