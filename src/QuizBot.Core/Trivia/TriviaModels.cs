using QuizBot.Core.Decks;
using QuizBot.Core.Players;

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

/// <summary>A member who answered a question right: how fast, for how many points, and their answer streak after it.</summary>
public sealed record TriviaHit(string DisplayName, int Points, TimeSpan Elapsed, int Streak);

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

/// <summary>
/// One line of the standings. Equal points share a rank. <see cref="Streak"/> is the run of right answers the member
/// is on (a wrong or missing answer ends it); <see cref="BestStreak"/> the longest in this game.
/// </summary>
public sealed record TriviaStanding(int Rank, PlayerKey Player, string DisplayName, int Points, int Correct, int Answered, int Streak, int BestStreak);

/// <summary>The final standings of a game and how many of its questions were asked.</summary>
public sealed record TriviaResult(string Title, IReadOnlyList<TriviaStanding> Standings, int Asked, TriviaEndReason Reason, string? StoppedBy);
