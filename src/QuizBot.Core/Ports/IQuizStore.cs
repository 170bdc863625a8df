using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Ports;

/// <summary>Quiz sessions and the answers given in them.</summary>
public interface IQuizStore
{
    Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The player's newest unfinished session of a mode, if any (to continue after a restart).</summary>
    Task<QuizSession?> GetActiveSessionAsync(PlayerKey player, QuizMode mode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts the session, or replaces the stored one unless that one is further along: a later position, or the
    /// same position with more answers. So a stale save (a skip racing an answer to the same question) changes
    /// nothing and returns false; a session never moves backwards.
    /// </summary>
    Task<bool> SaveSessionAsync(QuizSession session, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: stores the answer unless (SessionId, QuestionIndex) already has one, and only then
    /// updates the per-scope score aggregates and saves <paramref name="sessionAfter"/>.
    /// Returns false, changing nothing, when the answer was already recorded (a retry or a double click).
    /// </summary>
    Task<bool> RecordAnswerAsync(AnswerRecord answer, QuizSession sessionAfter, CancellationToken cancellationToken = default);

    /// <summary>How many times the player has answered each question (question id to count).</summary>
    Task<IReadOnlyDictionary<string, int>> GetSeenCountsAsync(PlayerKey player, CancellationToken cancellationToken = default);

    /// <summary>Questions whose most recent answer by the player was wrong, newest first.</summary>
    Task<IReadOnlyList<string>> GetMissedQuestionIdsAsync(PlayerKey player, CancellationToken cancellationToken = default);
}
