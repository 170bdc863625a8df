using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Reports;

/// <summary>Why a report was not taken; nothing was stored.</summary>
public enum ReportRefusal
{
    /// <summary>No such quiz (or not a personal one).</summary>
    NotFound,

    NotYours,

    /// <summary>The question has not been shown in that quiz yet.</summary>
    NotShownYet,

    /// <summary>The reason is blank.</summary>
    EmptyReason,
}

/// <summary>The outcome of a report, or of asking whether one may be made.</summary>
public abstract record ReportOutcome
{
    private ReportOutcome()
    {
    }

    /// <summary>The question may be reported (the form can open), or the report was stored as <see cref="ReportId"/> (0 when only checked).</summary>
    public sealed record Accepted(int QuestionIndex, string QuestionId, long ReportId) : ReportOutcome;

    public sealed record Refused(ReportRefusal Reason) : ReportOutcome;
}

/// <summary>
/// Members' reports of questions they think are wrong. The same preconditions hold whether the report comes from
/// the button or straight from a submitted form: the quiz is the member's, and the question was already shown.
/// </summary>
public sealed class ReportService(IQuizStore quizzes, IGuildStore guilds, TimeProvider time)
{
    /// <summary>The longest reason kept; longer ones are cut.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Whether question <paramref name="questionIndex"/> of the session may be reported by the player.</summary>
    public async Task<ReportOutcome> CheckAsync(string sessionId, PlayerKey player, int questionIndex, CancellationToken cancellationToken = default)
    {
        var session = string.IsNullOrEmpty(sessionId) ? null : await quizzes.GetSessionAsync(sessionId, cancellationToken);
        if (session is null || !session.IsPersonal)
        {
            return new ReportOutcome.Refused(ReportRefusal.NotFound);
        }

        if (session.Player != player)
        {
            return new ReportOutcome.Refused(ReportRefusal.NotYours);
        }

        // Shown means asked already: the current question, or one before it.
        return questionIndex < 0 || questionIndex > session.Position || questionIndex >= session.QuestionIds.Count
            ? new ReportOutcome.Refused(ReportRefusal.NotShownYet)
            : new ReportOutcome.Accepted(questionIndex, session.QuestionIds[questionIndex], 0);
    }

    /// <summary>Stores the report when <see cref="CheckAsync"/> allows it; the reason is trimmed and cut to <see cref="MaxReasonLength"/>.</summary>
    public async Task<ReportOutcome> ReportAsync(
        string sessionId, PlayerKey player, int questionIndex, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ReportOutcome.Refused(ReportRefusal.EmptyReason);
        }

        var check = await CheckAsync(sessionId, player, questionIndex, cancellationToken);
        if (check is not ReportOutcome.Accepted accepted)
        {
            return check;
        }

        var text = reason.Trim();
        if (text.Length > MaxReasonLength)
        {
            text = text[..(char.IsHighSurrogate(text[MaxReasonLength - 1]) ? MaxReasonLength - 1 : MaxReasonLength)];
        }

        var id = await guilds.AddReportAsync(player.Scope, player.UserId, accepted.QuestionId, text, time.GetUtcNow(), cancellationToken);
        return accepted with { ReportId = id };
    }
}
