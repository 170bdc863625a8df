using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Quiz;

/// <summary>What a player gave: the index of a presented choice, or typed text.</summary>
public sealed record PlayerAnswer(int? ChoiceIndex, string? Text)
{
    public static PlayerAnswer Choice(int index) => new(index, null);

    public static PlayerAnswer Typed(string? text) => new(null, text ?? string.Empty);
}

/// <summary>
/// The question at a session's position, ready to show. <see cref="Choices"/> are the labels in presented
/// order (multiple choice shuffled per session, true/false as True, False; empty for typed answers);
/// <see cref="ChoiceOrder"/> maps each presented position to its index in <see cref="Question.Choices"/>.
/// </summary>
public sealed record PresentedQuestion(
    string SessionId,
    int Index,
    int Total,
    Question Question,
    Fact Fact,
    IReadOnlyList<string> Choices,
    IReadOnlyList<int> ChoiceOrder)
{
    public string Progress => $"Question {Index + 1}/{Total}";

    public bool IsTyped => Question.Kind is QuestionKind.Typed or QuestionKind.FillBlank;
}

/// <summary>
/// What to show after an answer or a skip: the verdict with the canonical answer, the explanation (on the
/// question), the fact, and its citation lines as <see cref="CitationFormatter"/> writes them (one per footnote,
/// or the article itself when the fact has no footnote).
/// </summary>
public sealed record AnswerReveal(
    Question Question,
    Fact Fact,
    IReadOnlyList<Citation> Citations,
    AnswerVerdict Verdict,
    bool Skipped,
    int PointsAwarded,
    int Streak)
{
    public bool IsCorrect => !Skipped && Verdict.IsCorrect;

    /// <summary>What the member typed, for typed answers (stored with the step, so a replayed reveal shows it too).</summary>
    public string? Given { get; init; }

    /// <summary>
    /// A skip had shown the member this answer earlier the same UTC day (in another quiz, maybe another server), so
    /// the answer is judged but scores nothing: no points, not counted right or wrong, the streak starts again.
    /// </summary>
    public bool RevealedBySkipToday { get; init; }
}

/// <summary>The end of a quiz. Skipped questions count in the score's total but not in the accuracy.</summary>
public sealed record QuizSummary(int Total, int Answered, int Correct, int Points, int BestStreak)
{
    public int Skipped => Total - Answered;

    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    public string Score => $"{Correct}/{Total}";
}

public enum QuizStartError
{
    InvalidLength,
    NoQuestions,
    NothingToReview,

    /// <summary>Every question on the topic was revealed to the member by a skip today, or sits in another open quiz of theirs.</summary>
    AllHeldBackToday,
}

/// <summary>The questions chosen for a new quiz, or why none could be.</summary>
public sealed record QuizPlan(IReadOnlyList<string> QuestionIds, string? Topic, QuizStartError? Error)
{
    public bool IsValid => Error is null;

    public static QuizPlan Rejected(QuizStartError error) => new([], null, error);
}

/// <summary>Why a press on a quiz changed nothing.</summary>
public enum QuizRefusal
{
    /// <summary>No such quiz (or its deck is no longer served).</summary>
    NotFound,

    /// <summary>The quiz belongs to another member.</summary>
    NotYours,

    /// <summary>The quiz is over (finished or abandoned).</summary>
    Ended,

    /// <summary>The press names a question the quiz has not shown yet (a forged or garbled id).</summary>
    NotShownYet,

    /// <summary>The question was already answered or skipped (the service replays its reveal instead).</summary>
    AlreadyClosed,

    /// <summary>The question left the deck since the quiz started (the service passes over it).</summary>
    QuestionGone,
}

/// <summary>Why an answer does not fit its question; nothing changed.</summary>
public enum InvalidAnswerReason
{
    /// <summary>A choice for a question that needs typing.</summary>
    NeedsTypedAnswer,

    /// <summary>Text for a question answered with buttons.</summary>
    NeedsChoice,

    /// <summary>A choice outside the presented ones.</summary>
    ChoiceOutOfRange,
}
