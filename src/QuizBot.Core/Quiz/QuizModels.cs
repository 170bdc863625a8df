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
    UnknownTopic,
    NoQuestions,
    NothingToReview,
}

/// <summary>The questions chosen for a new quiz, or why none could be.</summary>
public sealed record QuizPlan(IReadOnlyList<string> QuestionIds, string? Topic, QuizStartError? Error, string Message)
{
    public bool IsValid => Error is null;

    public static QuizPlan Rejected(QuizStartError error, string message) => new([], null, error, message);
}

public enum QuizStepStatus
{
    /// <summary>The answer (or skip) was taken; see the reveal and what comes next.</summary>
    Revealed,

    /// <summary>That question was already answered or skipped, or the quiz is over; nothing changed.</summary>
    AlreadyAnswered,

    /// <summary>No such quiz (or not for this deck); nothing changed.</summary>
    NotFound,

    /// <summary>The quiz belongs to another player; nothing changed.</summary>
    NotYourQuiz,

    /// <summary>The answer does not fit the question (a choice for a typed question, an index out of range); nothing changed.</summary>
    InvalidAnswer,
}
