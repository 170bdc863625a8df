using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;

namespace QuizBot.Core.Trivia;

/// <summary>
/// A trivia question as everyone in the channel sees it. <see cref="Choices"/> are the labels in presented order
/// (multiple choice shuffled by the game's seed, true/false as True, False); <see cref="ChoiceOrder"/> maps each
/// presented position to its index in <see cref="Question.Choices"/>.
/// </summary>
public sealed record TriviaQuestion(
    int Index,
    int Total,
    Question Question,
    Fact Fact,
    IReadOnlyList<string> Choices,
    IReadOnlyList<int> ChoiceOrder,
    DateTimeOffset Deadline)
{
    public string Progress => $"Question {Index + 1}/{Total}";
}

/// <summary>A new game, or why none could start. <see cref="Notice"/> says when the game was made shorter than asked.</summary>
public sealed record TriviaSetup(TriviaGame? Game, string Error, string? Notice)
{
    public bool Started => Game is not null;

    public static TriviaSetup Rejected(string error) => new(null, error, null);
}

public enum TriviaAnswerStatus
{
    /// <summary>Taken; see <see cref="TriviaAnswerResult.Record"/> for what to store.</summary>
    Accepted,

    /// <summary>This member already answered this question; the first answer stands.</summary>
    AlreadyAnswered,

    /// <summary>The question's time ran out (or it was already revealed).</summary>
    TooLate,

    /// <summary>The game is over.</summary>
    GameOver,

    /// <summary>No such question or choice in this game.</summary>
    Invalid,
}

/// <summary>
/// The outcome of a button press. On <see cref="TriviaAnswerStatus.Accepted"/>: the answer to store and the
/// player's trivia session after it (so the store's rollups count it). <see cref="ChoiceLabel"/> names the choice
/// locked in ("B", or "True"; the earlier one for <see cref="TriviaAnswerStatus.AlreadyAnswered"/>).
/// </summary>
public sealed record TriviaAnswerResult(TriviaAnswerStatus Status, string? ChoiceLabel, AnswerRecord? Record, QuizSession? SessionAfter)
{
    public static TriviaAnswerResult Refused(TriviaAnswerStatus status, string? label = null) => new(status, label, null, null);
}

/// <summary>A member who answered a question right: how fast, and for how many points.</summary>
public sealed record TriviaHit(string DisplayName, int Points, TimeSpan Elapsed);

/// <summary>
/// The end of one question: the right choice (its label, "B" or "True", and its text), the explanation (on the question), the citation
/// lines, who got it right (most points first), how many answered, and whether the game was stopped here.
/// </summary>
public sealed record TriviaReveal(
    TriviaQuestion Question,
    string RightLabel,
    string RightChoice,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<TriviaHit> RightAnswers,
    int Answered,
    bool IsLast,
    bool Stopped);

/// <summary>One line of the standings. Equal points share a rank.</summary>
public sealed record TriviaStanding(int Rank, PlayerKey Player, string DisplayName, int Points, int Correct, int Answered);
