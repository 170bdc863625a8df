using QuizBot.Core.Decks;
using QuizBot.Core.Scoring;

namespace QuizBot.Core.Trivia;

/// <summary>
/// The limits and the scoring of a live trivia game.
/// <para>
/// Scoring: a right answer earns the base points of its kind (<see cref="ScoringRules.BasePoints"/>: multiple choice
/// 10, true/false 5) scaled by speed, from 100% when answered the moment the question appears down to 50% at the
/// deadline, in a straight line, rounded half away from zero: points = round(base × (1 − ½ × elapsed ÷ time limit)).
/// A right multiple-choice answer therefore earns 10 down to 5, a right true/false 5 down to 3. A wrong answer earns
/// 0. There is no streak bonus in trivia: speed is the bonus. The answer streak (right answers in a row, broken by a
/// wrong or missing answer) is shown on reveals and standings, not scored.
/// </para>
/// <para>
/// Time: the interaction token a game posts through lasts 15 minutes, so questions × seconds may not exceed
/// <see cref="MaxPlayTime"/> (14 minutes, leaving a minute for reveals and network delays); a longer request is
/// cut to the questions that fit.
/// </para>
/// </summary>
public static class TriviaRules
{
    public const int MinQuestions = 1;
    public const int MaxQuestions = 20;
    public const int DefaultQuestions = 10;
    public const int MinSeconds = 10;
    public const int MaxSeconds = 60;
    public const int DefaultSeconds = 20;

    /// <summary>The share of the base points a right answer keeps at the deadline.</summary>
    public const double SlowestShare = 0.5;

    public static readonly TimeSpan MaxPlayTime = TimeSpan.FromMinutes(14);

    /// <summary>How long Discord accepts an interaction token's webhook calls.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>A game still running this close to its token's expiry is wrapped up while the token still works.</summary>
    public static readonly TimeSpan TokenMargin = TimeSpan.FromSeconds(30);

    /// <summary>How long a game may wait for its driver (a deadline nobody revealed) before it ends instead of continuing.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(2);

    /// <summary>Only questions answered with buttons suit a race: multiple choice and true/false.</summary>
    public static bool IsButtonAnswerable(QuestionKind kind) => kind is QuestionKind.MultipleChoice or QuestionKind.TrueFalse;

    /// <summary>How many questions of <paramref name="seconds"/> seconds fit in <see cref="MaxPlayTime"/>.</summary>
    public static int MaxQuestionsFor(int seconds) =>
        seconds <= 0 ? MaxQuestions : Math.Min(MaxQuestions, (int)(MaxPlayTime.TotalSeconds / seconds));

    /// <summary>Points for one answer given <paramref name="elapsed"/> after the question appeared, with <paramref name="timeLimit"/> to answer.</summary>
    public static int PointsFor(QuestionKind kind, bool correct, TimeSpan elapsed, TimeSpan timeLimit)
    {
        if (!correct)
        {
            return 0;
        }

        var fraction = timeLimit <= TimeSpan.Zero ? 1 : Math.Clamp(elapsed / timeLimit, 0, 1);
        var share = 1 - ((1 - SlowestShare) * fraction);
        return (int)Math.Round(ScoringRules.BasePoints(kind) * share, MidpointRounding.AwayFromZero);
    }
}
