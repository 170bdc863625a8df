using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Ports;

/// <summary>
/// Quiz sessions, the steps that closed their questions, and the answers given in them. Every change to a
/// personal quiz is one compare-and-set (<see cref="ApplyAsync"/>): the app never reads a session and then
/// writes it back unconditionally.
/// </summary>
public interface IQuizStore
{
    /// <summary>The session as stored now, or null when there is none.</summary>
    Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The session to decide a transition on: as stored now or as an earlier version of it (a store may answer from
    /// what this instance last wrote or read, while another instance on the same database moved it on), never a
    /// version that was not stored; null when no such session is stored. Only for a caller that changes the session
    /// through <see cref="ApplyAsync"/>, whose compare-and-set refuses a stale one with the stored session, and that
    /// reads again with <see cref="GetSessionAsync"/> before answering anything else from it.
    /// </summary>
    Task<QuizSession?> GetSessionToChangeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The player's open personal quiz (Quiz or Review) in their scope, if any.</summary>
    Task<QuizSession?> GetOpenQuizAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new personal session unless the player already has an open one in the scope; then it changes
    /// nothing and returns that one. Atomic: two starts at once open one quiz.
    /// </summary>
    Task<QuizOpenResult> OpenAsync(QuizSession session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the transition in one transaction if the stored session still has <c>Before</c>'s position and
    /// version: writes <c>After</c>, the steps, and the answer with every rollup it feeds. Otherwise changes
    /// nothing and returns <see cref="QuizTransitionResult.Conflict"/> with the session as stored (or Missing).
    /// </summary>
    Task<QuizTransitionResult> ApplyAsync(QuizTransition transition, CancellationToken cancellationToken = default);

    /// <summary>The step that closed question <paramref name="questionIndex"/> of the session, if it is closed.</summary>
    Task<QuizStepRecord?> GetStepAsync(string sessionId, int questionIndex, CancellationToken cancellationToken = default);

    /// <summary>
    /// Questions the user may not be asked for points now, in any scope: those whose answer a skip revealed to
    /// them at or after <paramref name="since"/>, and those in their open personal quizzes.
    /// </summary>
    Task<IReadOnlySet<string>> GetHeldBackQuestionIdsAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>How many times the player has answered each question (question id to count).</summary>
    Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>Questions whose most recent answer by the player was wrong, newest first.</summary>
    Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default);
}
